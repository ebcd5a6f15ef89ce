using Failover.Remote.Ssh;
using Failover.Remote.Sync;

namespace Failover.Remote.Tests;

public sealed class RsyncCommandLineTests
{
    private static readonly SshSettings Ssh = new("192.0.2.2", "root", 22, "/etc/failover/sync key", "/etc/failover/known_hosts",
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

    [Fact]
    public void A_directory_push_syncs_its_content_over_the_same_ssh_options()
    {
        var argv = RsyncCommandLine.Push(Ssh, new SyncPath("/etc/bind", "/etc/bind"), sourceIsDirectory: true, ["*.jnl", "tmp/"],
            delete: false, dryRun: false);
        Assert.Equal(
            ["rsync", "--archive", "--itemize-changes", "--mkpath", "--exclude=*.jnl", "--exclude=tmp/",
             "--rsh", "ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=5 -o UserKnownHostsFile=/etc/failover/known_hosts "
                + "-o IdentitiesOnly=yes -i '/etc/failover/sync key' -p 22 -l root",
             "--", "/etc/bind/", "192.0.2.2:/etc/bind/"],
            argv);
    }

    [Fact]
    public void A_file_goes_to_its_dest_and_delete_and_dry_run_are_passed_only_when_asked()
    {
        var argv = RsyncCommandLine.Push(Ssh, new SyncPath("/etc/dhcp/dhcpd.conf", "/srv/peer/dhcpd.conf"), sourceIsDirectory: false, [],
            delete: true, dryRun: true);
        Assert.Equal(["rsync", "--archive", "--itemize-changes", "--mkpath", "--dry-run", "--delete"], argv.Take(6));
        Assert.Equal(["--", "/etc/dhcp/dhcpd.conf", "192.0.2.2:/srv/peer/dhcpd.conf"], argv.TakeLast(3));
        Assert.DoesNotContain("--delete", RsyncCommandLine.Push(Ssh, new SyncPath("/a", "/a"), false, [], false, false));
    }

    [Fact]
    public void A_single_quote_cannot_be_carried_in_rsyncs_rsh() =>
        Assert.Throws<ArgumentException>(() => RsyncCommandLine.RemoteShell(Ssh with { Identity = "/etc/it's" }));
}
