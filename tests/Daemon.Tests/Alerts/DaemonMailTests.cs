using Failover.Daemon.Alerts;
using Failover.Daemon.Config;
using Failover.Daemon.Tests.Runtime;
using Failover.Mail.Smtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failover.Daemon.Tests.Alerts;

/// <summary>The outbox: alerts go through the spool in state_dir/mail to the relay; a dead relay keeps them.</summary>
public sealed class DaemonMailTests : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("failover-mail-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    private static MailConfig Config => new(new SmtpRelayOptions { Host = "192.0.2.25" }, "failover@example.org", ["ops@example.org"], "[dns] ", null);

    [Fact]
    public async Task An_alert_is_spooled_and_delivered_with_the_prefix_and_addresses()
    {
        var relay = new RecordingTransport();
        await using var mail = DaemonMail.Start(Config, _stateDir, "varda", TimeProvider.System, NullLoggerFactory.Instance, relay);

        mail.Post(new Alert("takeover:dns", "dns: varda took over (MASTER)", "What:  varda became MASTER\n"));

        await Eventually(() => relay.Sent.Count == 1 ? "sent" : null);
        var sent = relay.Sent[0];
        Assert.Equal("failover@example.org", sent.Envelope.From);
        Assert.Equal(["ops@example.org"], sent.Envelope.Recipients);
        Assert.Contains("Subject: [dns] dns: varda took over (MASTER)\r\n", sent.Message);
        Assert.Contains("What:  varda became MASTER", sent.Message);
        Assert.True(Directory.Exists(Path.Combine(_stateDir, "mail")));
        Assert.Equal(0, mail.Spooled);
        Assert.Null(mail.LastError);
    }

    [Fact]
    public async Task A_dead_relay_keeps_the_message_and_reports_the_error()
    {
        var relay = new RecordingTransport { Down = true };
        await using var mail = DaemonMail.Start(Config, _stateDir, "varda", TimeProvider.System, NullLoggerFactory.Instance, relay);

        mail.Post(new Alert("takeover:dns", "dns: varda took over (MASTER)", "body\n"));

        var error = await Eventually(() => mail.LastError);
        Assert.Equal("relay 192.0.2.25:25 refused DATA: 451 4.3.0 try later (test)", error);
        Assert.Equal(1, mail.Spooled);
        Assert.NotNull(mail.NextAttemptAt);
        Assert.Empty(relay.Sent);
    }

    [Fact]
    public async Task A_message_left_by_a_previous_run_goes_out_at_start()
    {
        var relay = new RecordingTransport { Down = true };
        await using (var first = DaemonMail.Start(Config, _stateDir, "varda", TimeProvider.System, NullLoggerFactory.Instance, relay))
        {
            first.Post(new Alert("release:dns", "dns: varda left MASTER", "body\n"));
            await Eventually(() => first.LastError);
        }
        relay.Down = false;

        await using var second = DaemonMail.Start(Config, _stateDir, "varda", TimeProvider.System, NullLoggerFactory.Instance, relay);

        var sent = await Eventually(() => relay.Sent.Count == 1 ? relay.Sent[0].Message : null);
        Assert.Contains("Subject: [dns] dns: varda left MASTER", sent);
        Assert.Equal(0, second.Spooled);
    }

    [Fact]
    public async Task A_stop_sends_what_the_planner_held_in_a_last_pass()
    {
        var relay = new RecordingTransport();
        var mail = DaemonMail.Start(Config, _stateDir, "varda", TimeProvider.System, NullLoggerFactory.Instance, relay);
        mail.Post(new Alert("probe:dns/named", "dns: probe named DOWN on master varda", "first\n"));
        await Eventually(() => relay.Sent.Count == 1 ? "sent" : null);
        mail.Post(new Alert("probe:dns/named", "dns: probe named DOWN on master varda", "second\n")); // held for the digest

        await mail.DisposeAsync();

        Assert.Equal(2, relay.Sent.Count);
        Assert.Contains("Subject: [dns] dns: probe named DOWN on master varda (1 event in 10 min)", relay.Sent[1].Message);
        Assert.Equal(0, mail.Spooled);
    }

    [Fact]
    public async Task Without_mail_config_alerts_are_logged_once_as_not_mailed()
    {
        var log = new LogLines();
        await using var mail = DaemonMail.Start(null, _stateDir, "varda", TimeProvider.System, log.Factory);

        mail.Post(new Alert("takeover:dns", "dns: varda took over (MASTER)", "body\n"));

        Assert.False(mail.Mails);
        Assert.False(Directory.Exists(Path.Combine(_stateDir, "mail")));
        Assert.Single(log.Lines, l => l.StartsWith("alerts are not mailed", StringComparison.Ordinal));
        Assert.Contains("alert: dns: varda took over (MASTER)", log.Lines);
    }

    private static async Task<T> Eventually<T>(Func<T?> probe)
    {
        for (var i = 0; i < 200; i++)
        {
            if (probe() is { } value)
                return value;
            await Task.Delay(25);
        }
        throw new TimeoutException("condition not met within 5 s");
    }
}
