using Failover.Control;

namespace Failover.Ctl.Tests;

/// <summary>failoverctl status: the alert mail spool's length and last delivery error.</summary>
public sealed class MailStatusTableTests
{
    private static string Write(MailReport? mail)
    {
        var output = new StringWriter();
        StatusTable.Write(new StatusReport("varda", "1.0.0", DateTimeOffset.UnixEpoch, [], Mail: mail), output);
        return output.ToString();
    }

    [Fact]
    public void Shows_the_spool_the_dead_letters_and_the_last_error_with_the_next_try()
    {
        var at = new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero);
        var text = Write(new MailReport("192.0.2.25:25", 3, 1, "no connection to relay 192.0.2.25:25: Connection refused", at, at.AddSeconds(15)));

        Assert.Contains("mail 192.0.2.25:25: 3 spooled, 1 given up (in dead/)\n", text.ReplaceLineEndings("\n"));
        Assert.Contains($"  last error at {at.ToLocalTime():HH:mm:ss}: no connection to relay 192.0.2.25:25: Connection refused, next try {at.AddSeconds(15).ToLocalTime():HH:mm:ss}", text);
    }

    [Fact]
    public void An_empty_spool_shows_no_error_and_no_mail_section_shows_nothing()
    {
        var text = Write(new MailReport("smtp.example.org:587", 0, 0, null, null, null));
        Assert.Contains("mail smtp.example.org:587: 0 spooled", text);
        Assert.DoesNotContain("last error", text);

        Assert.DoesNotContain("mail ", Write(null));
    }
}
