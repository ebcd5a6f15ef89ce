using System.Text;
using Failover.Mail.Message;

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
            "Date: Sat, 21 Nov 2026 16:58:27 +0100\r\n"
            + "From: failover@varda.example.test\r\n"
            + "To: admin@example.test,\r\n oncall@example.test\r\n"
            + "Subject: samba: varda is MASTER\r\n"
            + "Message-ID: <abc@varda>\r\n"
            + "Auto-Submitted: auto-generated\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "What: promoted\r\nNode: varda\r\n\r\n",
            text);
    }

    [Fact]
    public void Output_is_seven_bit_even_for_utf8_content()
    {
        var bytes = MessageRenderer.Render(Sample with { Subject = "Störung auf Knoten varda", Body = "Grüße → ok" });
        Assert.All(bytes, b => Assert.True(b < 128));
        var text = Encoding.ASCII.GetString(bytes);
        Assert.Contains("Subject: =?UTF-8?B?", text, StringComparison.Ordinal);
        Assert.Contains("Gr=C3=BC=C3=9Fe =E2=86=92 ok", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_utf8_subject_is_split_into_encoded_words_of_whole_characters()
    {
        var subject = string.Concat(Enumerable.Repeat("Ünïcödé ", 12));
        var encoded = MessageRenderer.EncodeSubject(subject);
        var words = encoded.Split("\r\n ");
        Assert.True(words.Length > 2);
        var decoded = new StringBuilder();
        foreach (var word in words)
        {
            Assert.True(word.Length <= 75, word);
            Assert.StartsWith("=?UTF-8?B?", word, StringComparison.Ordinal);
            Assert.EndsWith("?=", word, StringComparison.Ordinal);
            // Each word must decode on its own (no character split across words).
            var chunk = Convert.FromBase64String(word[10..^2]);
            decoded.Append(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(chunk));
        }
        Assert.Equal(subject, decoded.ToString());
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
    public void Negative_offsets_are_formatted()
    {
        Assert.Equal("Mon, 05 Jan 2026 07:03:09 -0330",
            MessageRenderer.FormatDate(new DateTimeOffset(2026, 1, 5, 7, 3, 9, new TimeSpan(-3, -30, 0))));
    }
}
