using Failover.Daemon.Runtime;
using Failover.Remote;
using Failover.Remote.Sync;

namespace Failover.Daemon.Tests.Runtime;

public sealed class SyncTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly SyncPath Bind = new("/etc/bind/", "/etc/bind/");
    private static readonly SyncPath Dhcp = new("/etc/dhcp/dhcpd.conf", "/srv/dhcpd.conf");

    [Fact]
    public void A_dry_run_lists_each_path_and_its_changes_and_says_nothing_was_changed()
    {
        var run = new SyncRun(true, At, TimeSpan.FromMilliseconds(300),
            [new PathChanges(Bind, [new ItemizedChange("<f.st......", "named.conf"), new ItemizedChange("*deleting", "old.zone")], null),
             new PathChanges(Dhcp, [], null)], null);
        Assert.Equal("""
            web: dry run: 2 changes to push to root@10.4.0.211 (nothing was changed)
              /etc/bind/ -> 10.4.0.211:/etc/bind/
                <f.st...... named.conf
                *deleting old.zone
              /etc/dhcp/dhcpd.conf -> 10.4.0.211:/srv/dhcpd.conf: up to date
            """, SyncText.Describe("web", "root@10.4.0.211", "10.4.0.211", run));
    }

    [Fact]
    public void A_push_whose_post_command_failed_is_a_failure_with_its_stderr()
    {
        var post = new RemoteResult(1, "", "zone example.test/IN: loading from master file failed\n", false, TimeSpan.FromSeconds(1));
        var run = new SyncRun(false, At, TimeSpan.FromSeconds(2.25), [new PathChanges(Bind, [new ItemizedChange("<f.st......", "db.example.test")], null)], post);
        Assert.False(run.Succeeded);
        Assert.Equal("post_command exited 1: zone example.test/IN: loading from master file failed", run.Error);
        Assert.Equal("""
            web: sync to root@10.4.0.211 failed after 2.3 s
              /etc/bind/ -> 10.4.0.211:/etc/bind/
                <f.st...... db.example.test
              post_command on root@10.4.0.211: exit 1: zone example.test/IN: loading from master file failed
            """, SyncText.Describe("web", "root@10.4.0.211", "10.4.0.211", run));
    }

    [Fact]
    public void A_path_that_failed_names_its_error_and_the_first_failure_is_the_runs()
    {
        var run = new SyncRun(false, At, TimeSpan.Zero,
            [new PathChanges(Bind, [], "rsync exited 255: ssh: connect to host 10.4.0.211 port 22: Connection refused"),
             new PathChanges(Dhcp, [], "rsync exited 255: ssh: connect to host 10.4.0.211 port 22: Connection refused")], null);
        Assert.Equal("/etc/bind/: rsync exited 255: ssh: connect to host 10.4.0.211 port 22: Connection refused", run.Error);
        Assert.Contains("  /etc/dhcp/dhcpd.conf -> 10.4.0.211:/srv/dhcpd.conf: rsync exited 255", SyncText.Describe("web", "root@10.4.0.211", "10.4.0.211", run));
    }
}
