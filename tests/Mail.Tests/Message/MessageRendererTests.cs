using System.Text;
using Failover.Mail.Message;
using MimeKit;

namespace Failover.Mail.Tests.Message;

public sealed class MessageRendererTests
{
    private static readonly AlertMessage Sample = new()
    {
        From = "failover@varda.example.test",
        To = ["admin@example.test", "oncall@example.test"],
        Subject = "samba: varda is MASTER",
        Body = "What: promoted\nNode: varda\n",
        Date = new DateTimeOffset(2026, 11, 21, 16, 58, 27, TimeSpan.FromHours(1)),
        MessageId = "<abc@varda>",
    };

    [Fact]
    public void Renders_rfc5322_headers_then_a_quoted_printable_body()
    {
        var text = Encoding.ASCII.GetString(MessageRenderer.Render(Sample));
        Assert.Equal(
            "From: failover@varda.example.test\r\n"
            + "Date: Sat, 21 Nov 2026 15:58:27 +0000\r\n"
            + "Subject: samba: varda is MASTER\r\n"
            + "Message-Id: <abc@varda>\r\n"
            + "To: admin@example.test, oncall@example.test\r\n"
            + "Auto-Submitted: auto-generated\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "What: promoted\r\nNode: varda\r\n",
            text);
    }

    [Fact]
    public void Output_is_seven_bit_even_for_utf8_content_and_reads_back_as_written()
    {
        var bytes = MessageRenderer.Render(Sample with { Subject = "Störung auf Knoten varda", Body = "Grüße → ok" });
        Assert.All(bytes, b => Assert.True(b < 128));
        var text = Encoding.ASCII.GetString(bytes);
        Assert.Contains("Subject: =?utf-8?", text, StringComparison.Ordinal);
        Assert.Contains("Gr=C3=BC=C3=9Fe =E2=86=92 ok", text, StringComparison.Ordinal);
        var read = MimeMessage.Load(new MemoryStream(bytes));
        Assert.Equal("Störung auf Knoten varda", read.Subject);
        Assert.Equal("Grüße → ok", read.TextBody);
    }

    [Fact]
    public void Long_utf8_subject_is_folded_and_decodes_to_the_subject()
    {
        var subject = string.Concat(Enumerable.Repeat("Ünïcödé ", 12)).TrimEnd();
        var bytes = MessageRenderer.Render(Sample with { Subject = subject });
        var text = Encoding.ASCII.GetString(bytes);
        var header = text[text.IndexOf("Subject:", StringComparison.Ordinal)..text.IndexOf("\r\nAuto-Submitted", StringComparison.Ordinal)];
        var lines = header.Split("\r\n");
        Assert.True(lines.Length > 1);
        // MimeKit folds between encoded words, not inside one: a line may pass 78 characters, never RFC 5322's 998.
        Assert.All(lines, l => Assert.True(l.Length <= 998, l));
        Assert.Equal(subject, MimeMessage.Load(new MemoryStream(bytes)).Subject);
    }

    [Fact]
    public void Line_breaks_in_the_subject_cannot_inject_headers()
    {
        var text = Encoding.ASCII.GetString(MessageRenderer.Render(Sample with { Subject = "x\r\nBcc: evil@example.test" }));
        Assert.Contains("Subject: x Bcc: evil@example.test\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nBcc:", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a@b\r\nBcc: c@d")]
    [InlineData("Name <a@b>")]
    [InlineData("")]
    public void Bad_addresses_are_refused(string address)
    {
        Assert.Throws<ArgumentException>(() => MessageRenderer.Render(Sample with { To = [address] }));
    }

    [Fact]
    public void No_recipient_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MessageRenderer.Render(Sample with { To = [] }));
    }

    [Fact]
    public void Message_ids_are_unique_and_bracketed()
    {
        var a = AlertMessage.NewMessageId("varda");
        var b = AlertMessage.NewMessageId("varda");
        Assert.NotEqual(a, b);
        Assert.Matches("^<[0-9a-f]{32}@varda>$", a);
    }

    [Fact]
    public void Dates_are_written_in_utc_so_a_negative_half_hour_offset_stays_valid()
    {
        var text = Encoding.ASCII.GetString(MessageRenderer.Render(Sample with { Date = new DateTimeOffset(2026, 1, 5, 7, 3, 9, new TimeSpan(-3, -30, 0)) }));
        Assert.Contains("\r\nDate: Mon, 05 Jan 2026 10:33:09 +0000\r\n", text, StringComparison.Ordinal);
    }
}
