using Failover.Remote.Ssh;

namespace Failover.Remote.Tests;

public sealed class SshCommandLineTests
{
    private static readonly SshSettings Ssh = new("192.0.2.2", "root", 22, "/etc/failover/id_ed25519", null,
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

    [Fact]
    public void A_command_is_ssh_with_fixed_options_the_host_a_double_dash_and_each_word_quoted()
    {
        var argv = SshCommandLine.Command(Ssh, ["named-checkconf", "-z", "/etc/bind/my zone.conf"]);
        Assert.Equal(
            ["ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=5",
             "-o", "IdentitiesOnly=yes", "-i", "/etc/failover/id_ed25519", "-p", "22", "-l", "root",
             "192.0.2.2", "--", "named-checkconf", "-z", "'/etc/bind/my zone.conf'"],
            argv);
    }

    [Fact]
    public void Known_hosts_port_and_user_are_passed_and_a_fractional_connect_timeout_rounds_up()
    {
        var ssh = Ssh with { KnownHosts = "/etc/failover/known_hosts", Port = 2222, User = "sync", ConnectTimeout = TimeSpan.FromMilliseconds(1500) };
        var argv = SshCommandLine.Command(ssh, ["true"]);
        Assert.Equal(
            ["ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=2",
             "-o", "UserKnownHostsFile=/etc/failover/known_hosts",
             "-o", "IdentitiesOnly=yes", "-i", "/etc/failover/id_ed25519", "-p", "2222", "-l", "sync",
             "192.0.2.2", "--", "true"],
            argv);
        Assert.Equal("sync@192.0.2.2:2222", ssh.Target);
        Assert.Equal("root@192.0.2.2", Ssh.Target);
    }

    [Fact]
    public void A_sub_second_connect_timeout_is_one_second_never_zero() =>
        Assert.Equal("1", SshCommandLine.Seconds(TimeSpan.FromMilliseconds(100)));

    [Fact]
    public void An_empty_command_is_refused() =>
        Assert.Throws<ArgumentException>(() => SshCommandLine.Command(Ssh, []));
}
