using Failover.Control;

namespace Failover.Ctl.Tests;

public sealed class SyncStatusLineTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 31, TimeSpan.Zero);

    [Fact]
    public void A_group_without_a_push_yet_says_so_and_when_the_next_is()
    {
        var line = StatusTable.SyncLine(new SyncReport("root@10.4.0.211", false, null, null, null, null, 0, null, At));
        Assert.Equal($"to root@10.4.0.211: no push yet; next {At.ToLocalTime():HH:mm:ss}", line);
    }

    [Fact]
    public void A_failed_push_shows_its_reason_count_and_error()
    {
        var line = StatusTable.SyncLine(new SyncReport("root@10.4.0.211", false, "failed", "schedule", At, 41.6, 0,
            "/etc/bind/: rsync exited 255: ssh: connect to host 10.4.0.211 port 22: Connection refused", null));
        Assert.Equal($"to root@10.4.0.211: last failed at {At.ToLocalTime():HH:mm:ss} (schedule), 0 changes, 42 ms: "
            + "/etc/bind/: rsync exited 255: ssh: connect to host 10.4.0.211 port 22: Connection refused", line);
    }

    [Fact]
    public void A_running_push_and_a_single_change_read_naturally()
    {
        var line = StatusTable.SyncLine(new SyncReport("root@10.4.0.211", true, "ok", "after_takeover", At, 400, 1, null, null));
        Assert.Equal($"to root@10.4.0.211: last ok at {At.ToLocalTime():HH:mm:ss} (after_takeover), 1 change, 400 ms; running now", line);
    }
}
