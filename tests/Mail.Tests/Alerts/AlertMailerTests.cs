using System.Text;
using Failover.Carp.Tests.Support;
using Failover.Mail.Planning;
using Failover.Mail.Spool;
using Failover.Mail.Tests.Spool;

namespace Failover.Mail.Tests.Alerts;

public sealed class AlertMailerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("failover-spool-").FullName;
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingTransport _relay = new();
    private readonly MailSpool _spool;
    private readonly AlertMailer _mailer;

    public AlertMailerTests()
    {
        _spool = new MailSpool(_directory, _relay, _time);
        _mailer = new AlertMailer(new MailPlanner(new MailPlannerOptions()), _spool,
            new AlertAddressing("failover@varda", ["admin@example.test"], "varda"), _time);
    }

    public void Dispose()
    {
        _mailer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Flapping_spools_the_first_event_then_one_digest_from_the_timer()
    {
        Assert.Single(_mailer.Post("state", "samba: state", "BACKUP -> MASTER"));
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            Assert.Empty(_mailer.Post("state", "samba: state", i % 2 == 0 ? "MASTER -> BACKUP" : "BACKUP -> MASTER"));
        }
        Assert.Equal(1, _spool.Count);

        _time.Advance(TimeSpan.FromMinutes(10)); // the window's timer fires inside Advance
        Assert.Equal(2, _spool.Count);
        await _spool.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(2, _relay.Accepted.Count);
        Assert.Contains("Subject: [failover] samba: state\r\n", _relay.Accepted[0], StringComparison.Ordinal);
        Assert.Contains("Subject: [failover] samba: state (20 events in 10 min)\r\n", _relay.Accepted[1], StringComparison.Ordinal);
        Assert.Contains("Message-Id: <", _relay.Accepted[1], StringComparison.Ordinal);
        // The digest opened a new window; it ends quietly and disarms the timer.
        Assert.Equal(1, _time.ArmedTimers);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, _time.ArmedTimers);
        Assert.Equal(0, _spool.Count);
    }

    [Fact]
    public async Task Dispose_spools_the_held_events_so_a_stop_loses_none()
    {
        _mailer.Post("state", "samba: state", "BACKUP -> MASTER");
        _time.Advance(TimeSpan.FromSeconds(20));
        _mailer.Post("state", "samba: state", "MASTER -> BACKUP");

        _mailer.Dispose();

        Assert.Equal(2, _spool.Count);
        Assert.Equal(0, _time.ArmedTimers);
        await _spool.DeliverDueAsync(CancellationToken.None);
        Assert.Contains("Subject: [failover] samba: state (1 event in 10 min)\r\n", _relay.Accepted[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_quiet_stream_leaves_no_timer_armed()
    {
        _mailer.Post("state", "dns: state", "x");
        Assert.Equal(1, _time.ArmedTimers);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, _time.ArmedTimers);
        Assert.Equal(1, _spool.Count);
        Assert.Contains("x", Encoding.ASCII.GetString(File.ReadAllBytes(Directory.GetFiles(_directory, "*.mail").Single())),
            StringComparison.Ordinal);
    }
}
