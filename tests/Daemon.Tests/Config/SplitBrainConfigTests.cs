using Failover.Actions.SplitBrain;
using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>A group's <c>split_brain:</c> section.</summary>
public sealed class SplitBrainConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SplitBrainConfigTests() =>
        Key = _dir.WriteFile("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

    public void Dispose() => _dir.Dispose();

    private string Key { get; }

    /// <summary>The peer: and ssh: sections every split_brain: needs.</summary>
    private string Peer => "peer: { node: n2, address: 10.4.0.2 }\n" + $"ssh: {{ identity: {Key} }}\n";

    private static string Group(string splitBrain, string drbd = "{ resources: [r0], source: events2 }") => """
        node: { name: n1 }
        groups:
          - name: files
            vhid: 1
            interface: eth0
            password: x
            vips: [10.4.0.10/24]
            on_master: [{ service: { name: smbd, action: start, command: /usr/local/bin/systemctl } }]
            monitors:
              - { name: disks, drbd:
        """ + " " + drbd + " }\n    split_brain: " + splitBrain + "\n";

    [Fact]
    public void Survivor_policy_with_every_key()
    {
        var config = ConfigAssert.Valid(Peer + Group(
            "{ policy: survivor, survivor: n1, resources: [r0], stop_services: [smbd, nmbd], unmount: [/srv], drbdadm: /usr/sbin/drbdadm, timeout: 20s }"));

        var sb = config.Groups[0].SplitBrain!;
        Assert.Equal(SplitBrainPolicyKind.Survivor, sb.Policy.Kind);
        Assert.Equal("n1", sb.Policy.Survivor);
        Assert.Equal(["r0"], sb.Policy.Resources);
        Assert.Equal(["smbd", "nmbd"], sb.Policy.StopServices);
        Assert.Equal(["/srv"], sb.Policy.Unmount);
        Assert.Equal("/usr/sbin/drbdadm", sb.Policy.Drbdadm);
        Assert.Equal("/usr/local/bin/systemctl", sb.Policy.Systemctl); // the group's service steps' systemctl
        Assert.Equal(TimeSpan.FromSeconds(20), sb.Policy.CommandTimeout);
        Assert.Equal(DrbdSyntax.Drbd9, sb.Syntax);
        Assert.Equal("r0", sb.Facts["r0"]);
    }

    [Fact]
    public void Failoverctl_and_the_peers_control_socket_default_to_usr_bin_and_ours()
    {
        var given = ConfigAssert.Valid(Peer + Group("{ policy: manual, resources: [r0], failoverctl: /opt/f/failoverctl, control_socket: /run/f/peer.sock }"))
            .Groups[0].SplitBrain!.Policy;
        var defaults = ConfigAssert.Valid(Peer + Group("{ policy: manual, resources: [r0] }")).Groups[0].SplitBrain!.Policy;

        Assert.Equal(("/opt/f/failoverctl", "/run/f/peer.sock"), (given.Failoverctl, given.ControlSocket));
        Assert.Equal(("/usr/bin/failoverctl", null), (defaults.Failoverctl, defaults.ControlSocket)); // null: the resolver uses our socket
    }

    [Fact]
    public void A_proc_monitor_means_84_and_a_resource_names_its_minor()
    {
        var config = ConfigAssert.Valid(Peer + Group("{ policy: last_primary, resources: [{ resource: r0, minor: 0 }] }", "{ resources: [0] }"));

        var sb = config.Groups[0].SplitBrain!;
        Assert.Equal((SplitBrainPolicyKind.LastPrimary, DrbdSyntax.Drbd84, "minor0"), (sb.Policy.Kind, sb.Syntax, sb.Facts["r0"]));
        Assert.Equal("/sbin/drbdadm", sb.Policy.Drbdadm);
    }

    [Fact]
    public void Drbd_version_overrides_the_monitor()
    {
        var config = ConfigAssert.Valid(Peer + Group("{ policy: manual, resources: [r0], drbd_version: 8.4 }"));

        Assert.Equal(DrbdSyntax.Drbd84, config.Groups[0].SplitBrain!.Syntax);
        Assert.Null(ConfigAssert.Valid(Peer + Group("{ policy: manual, resources: [r0] }").Replace("    split_brain: { policy: manual, resources: [r0] }\n", "")).Groups[0].SplitBrain);
    }

    [Theory]
    [InlineData("{ policy: always, resources: [r0] }", "split_brain policy must be manual, survivor or last_primary")]
    [InlineData("{ policy: survivor, resources: [r0] }", "split_brain policy survivor needs survivor: NODE (the node whose data is kept)")]
    [InlineData("{ policy: manual, survivor: n1, resources: [r0] }", "split_brain survivor is only for policy survivor (policy is manual)")]
    [InlineData("{ policy: manual, resources: [r1] }", "split_brain resource r1: no drbd monitor of the group watches r1 (watched: r0)")]
    [InlineData("{ policy: manual, resources: [] }", "split_brain resources must be a non-empty list of drbdadm resource names, e.g. [r0]")]
    [InlineData("{ policy: manual, resources: [r0], drbd_version: 8.3 }", "split_brain drbd_version must be 9 or 8.4")]
    [InlineData("{ policy: survivor, survivor: n3, resources: [r0] }", "split_brain survivor n3 is neither this node (n1) nor the peer (n2)")]
    [InlineData("{ policy: manual, resources: [r0], unmount: [srv] }", "split_brain unmount must list absolute paths")]
    public void Wrong_values_are_reported(string splitBrain, string message)
    {
        var errors = ConfigAssert.Errors(Peer + Group(splitBrain));

        Assert.Contains(errors, e => e.EndsWith(": " + message, StringComparison.Ordinal));
    }

    [Fact]
    public void Split_brain_needs_a_peer_section()
    {
        var errors = ConfigAssert.Errors($"ssh: {{ host: 10.4.0.2, identity: {Key} }}\n" + Group("{ policy: manual, resources: [r0] }"));

        Assert.Equal(["12:5: split_brain needs a peer: section: the recovery reads the peer's DRBD state over the peer channel and runs nothing while it is down"], errors);
    }

    [Theory]
    [InlineData("{ policy: manual, resources: [r0] }")] // a manual resolve runs the peer's commands too
    [InlineData("{ policy: survivor, survivor: n1, resources: [r0] }")]
    [InlineData("{ policy: last_primary, resources: [r0] }")]
    public void Split_brain_needs_an_ssh_section_under_any_policy(string splitBrain)
    {
        var result = ConfigLoader.Parse("peer: { node: n2, address: 10.4.0.2 }\n" + Group(splitBrain), ConfigAssert.File);

        Assert.Null(result.Config);
        Assert.Equal(["failover.yaml:12:5: split_brain needs an ssh: section: the recovery, and failoverctl splitbrain resolve under any policy, runs the peer's commands over ssh"],
            result.Errors.Select(e => e.ToString()));
    }
}
