using System.Collections.Immutable;
using Failover.Actions.Chains;
using Failover.Carp;
using Failover.Carp.StateMachine;
using Failover.Daemon.Alerts;
using Failover.Daemon.Runtime;
using Failover.Monitors.Drbd;

namespace Failover.Daemon.Tests.Alerts;

/// <summary>What an alert says: what, node, why, the chain's steps with timings, this node's state and probes.</summary>
public sealed class AlertComposerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 16, 0, 0, TimeSpan.Zero);
    private readonly AlertComposer _composer = new("varda");

    private static GroupStatus Status(CarpState state, ChainResult? chain = null, TransitionRecord? transition = null, string? master = null) =>
        new("dns", 200, "eth0", "192.0.2.1", ["192.0.2.10/24"], state, true, master, transition, AdminPreference.None,
            10, 10, 0, new Dictionary<string, long>(), null, null, chain);

    private static AlertSnapshot Snap(GroupStatus status, params ProbeLine[] probes) => new(status, probes);

    private static readonly ProbeLine BindUp = new("bind", "dns", "UP", "answered 192.0.2.10 in 2 ms");
    private static readonly ProbeLine BindDown = new("bind", "dns", "DOWN", "no answer within 2 s");

    private static ChainResult UpChain(ChainOutcome outcome) => new(ChainKind.VipUp, "became master", outcome, T0, TimeSpan.FromMilliseconds(1250),
        [
            new StepResult(1, "service named start", StepStatus.Ok, TimeSpan.FromMilliseconds(1200), "exit 0", ""),
            new StepResult(2, "vip", outcome == ChainOutcome.Succeeded ? StepStatus.Ok : StepStatus.Failed, TimeSpan.FromMilliseconds(50),
                outcome == ChainOutcome.Succeeded ? "added 192.0.2.10/24" : "RTNETLINK answers: File exists", ""),
        ],
        outcome == ChainOutcome.RolledBack ? [new StepResult(1, "service named stop", StepStatus.Ok, TimeSpan.FromMilliseconds(300), "exit 0", "")] : []);

    [Fact]
    public void A_takeover_mail_says_why_and_lists_the_steps_with_their_timings()
    {
        var transition = new TransitionRecord(CarpState.Backup, CarpState.Master, "no advertisement from 192.0.2.2 for 3.6 s", T0);
        var before = Snap(Status(CarpState.Backup), BindUp);
        var after = Snap(Status(CarpState.Master, UpChain(ChainOutcome.Succeeded), transition, "192.0.2.1"), BindUp);

        var alert = Assert.Single(_composer.Changes(before, after, T0));

        Assert.Equal("takeover:dns", alert.Kind);
        Assert.Equal("dns: varda took over (MASTER)", alert.Subject);
        Assert.Contains("What:  varda became MASTER of dns and holds its VIPs\n", alert.Body);
        Assert.Contains("Node:  varda\n", alert.Body);
        Assert.Contains("Why:   BACKUP -> MASTER: no advertisement from 192.0.2.2 for 3.6 s\n", alert.Body);
        Assert.Contains("Chain on_master:\n", alert.Body);
        Assert.Contains("  1. service named start  1.20 s  OK: exit 0\n", alert.Body);
        Assert.Contains("  2. vip                   50 ms  OK: added 192.0.2.10/24\n", alert.Body);
        Assert.Contains("  total                   1.25 s\n", alert.Body);
        Assert.Contains("varda  MASTER since 2026-11-21 16:00:00, link up, VIPs 192.0.2.10/24\n", alert.Body);
        Assert.Contains("probe bind (dns) UP: answered 192.0.2.10 in 2 ms", alert.Body);
    }

    [Fact]
    public void A_rolled_back_on_master_mails_the_failed_step_and_the_undo()
    {
        var alert = Assert.Single(_composer.Changes(Snap(Status(CarpState.Backup)), Snap(Status(CarpState.Master, UpChain(ChainOutcome.RolledBack))), T0));

        Assert.Equal("dns: on_master failed on varda, rolled back", alert.Subject);
        Assert.Contains("What:  on_master rolled back: step 2 (vip) failed: RTNETLINK answers: File exists\n", alert.Body);
        Assert.Contains("undo 1. service named stop", alert.Body);
    }

    [Fact]
    public void Leaving_master_is_mailed_but_starting_in_backup_is_not()
    {
        var down = new ChainResult(ChainKind.VipDown, "x", ChainOutcome.Succeeded, T0, TimeSpan.FromMilliseconds(3),
            [new StepResult(1, "vip remove", StepStatus.Ok, TimeSpan.FromMilliseconds(3), "removed 192.0.2.10/24", "")], []);
        var startup = new TransitionRecord(CarpState.Init, CarpState.Backup, "startup", T0);
        var demoted = new TransitionRecord(CarpState.Master, CarpState.Backup, "rule dns-down demotes", T0);

        Assert.Empty(_composer.Changes(Snap(Status(CarpState.Init)), Snap(Status(CarpState.Backup, down, startup)), T0));
        var left = Assert.Single(_composer.Changes(Snap(Status(CarpState.Master)), Snap(Status(CarpState.Backup, down, demoted)), T0));
        Assert.Equal("dns: varda left MASTER", left.Subject);
        Assert.Contains("Why:   MASTER -> BACKUP: rule dns-down demotes\n", left.Body);
    }

    [Fact]
    public void A_split_brain_is_mailed_once_by_whichever_node_sees_it()
    {
        var healthy = new DrbdResourceState { Name = "r0", ConnectionState = "Connected", LocalRole = DrbdRole.Secondary,
            PeerRole = DrbdRole.Primary, LocalDisk = DrbdDiskState.UpToDate, PeerDisk = DrbdDiskState.UpToDate };
        var split = healthy with { ConnectionState = "StandAlone", PeerRole = DrbdRole.Unknown, PeerDisk = DrbdDiskState.DUnknown, SplitBrain = true };
        AlertSnapshot With(DrbdResourceState r) =>
            new(Status(CarpState.Backup), [BindUp], null, ImmutableSortedDictionary<string, DrbdResourceState>.Empty.Add("r0", r));

        var alert = Assert.Single(_composer.Changes(With(healthy), With(split), T0));

        Assert.Equal("dns: DRBD split brain on r0 (varda)", alert.Subject);
        Assert.Contains("What:  split brain on DRBD resource r0, seen by varda\n", alert.Body);
        Assert.Contains("StandAlone, Secondary/Unknown, UpToDate/DUnknown", alert.Body);
        Assert.Contains("drbd r0: StandAlone Secondary/Unknown UpToDate/DUnknown, split brain", alert.Body);
        Assert.Empty(_composer.Changes(With(split), With(split), T0));
        Assert.Empty(_composer.Changes(With(split), With(healthy), T0));
    }

    [Fact]
    public void The_same_chain_result_is_mailed_once()
    {
        var chain = UpChain(ChainOutcome.Succeeded);
        var snap = Snap(Status(CarpState.Master, chain));

        Assert.Empty(_composer.Changes(snap, Snap(Status(CarpState.Master, chain)), T0));
    }

    [Fact]
    public void A_probe_going_down_and_up_mails_only_while_master()
    {
        var master = Status(CarpState.Master);
        var down = Assert.Single(_composer.Changes(Snap(master, BindUp), Snap(master, BindDown), T0));
        Assert.Equal("dns: probe bind DOWN on master varda", down.Subject);
        Assert.Contains("What:  probe bind (dns) UP -> DOWN while this node is MASTER\n", down.Body);
        Assert.Contains("Why:   no answer within 2 s\n", down.Body);
        Assert.Equal("dns: probe bind UP on master varda", Assert.Single(_composer.Changes(Snap(master, BindDown), Snap(master, BindUp), T0)).Subject);

        var backup = Status(CarpState.Backup);
        Assert.Empty(_composer.Changes(Snap(backup, BindUp), Snap(backup, BindDown), T0));
        // A probe's first verdict UP at start is no news.
        Assert.Empty(_composer.Changes(Snap(master, BindUp with { Health = "UNKNOWN" }), Snap(master, BindUp), T0));
    }

    [Fact]
    public void A_probe_down_on_the_master_says_when_the_peers_same_probe_is_down_too()
    {
        var master = Status(CarpState.Master);
        var peerDown = new PeerLine("vm-varda", "BACKUP, link up (from the peer channel)\nprobe bind (dns) DOWN: refused", [BindDown with { Reason = "refused" }]);
        var peerUp = new PeerLine("vm-varda", "BACKUP, link up (from the peer channel)\nprobe bind (dns) UP: ok", [BindUp]);

        var both = Assert.Single(_composer.Changes(new(master, [BindUp], peerDown), new(master, [BindDown], peerDown), T0));
        var onlyHere = Assert.Single(_composer.Changes(new(master, [BindUp], peerUp), new(master, [BindDown], peerUp), T0));
        var back = Assert.Single(_composer.Changes(new(master, [BindDown], peerDown), new(master, [BindUp], peerDown), T0));

        Assert.Contains("Peer:  vm-varda's probe bind is DOWN too (refused): the service fails on both nodes, "
            + "so handing the VIPs to vm-varda would not help\n", both.Body);
        Assert.DoesNotContain("Peer:", onlyHere.Body);
        Assert.DoesNotContain("Peer:", back.Body);
    }

    [Fact]
    public void A_probe_the_peer_runs_of_this_master_is_mailed_as_measured_by_it_and_the_peers_own_health_is_not_this_masters()
    {
        var master = Status(CarpState.Master);
        var byPeerUp = new ProbeLine("dhcp", "dhcp", "UP", "DHCPOFFER of 192.0.2.150 from 192.0.2.1 in 3 ms", MeasuredBy: "n2");
        var ofPeerUp = new ProbeLine("dhcp", "dhcp", "UP", "DHCPOFFER of 192.0.2.151 from 192.0.2.2 in 2 ms", About: "n2");
        var before = Snap(master, byPeerUp, ofPeerUp);

        var down = Assert.Single(_composer.Changes(before, Snap(master, byPeerUp with { Health = "DOWN", Reason = "no DHCPOFFER in 2.7 s" }, ofPeerUp), T0));
        Assert.Equal("dns: probe dhcp DOWN on master varda (measured by n2)", down.Subject);
        Assert.Contains("What:  probe dhcp (dhcp) UP -> DOWN (measured by n2) while this node is MASTER\n", down.Body);
        Assert.Contains("probe dhcp (dhcp) of peer n2 UP: DHCPOFFER of 192.0.2.151 from 192.0.2.2 in 2 ms", down.Body);

        // The peer's dhcpd going down is the peer's health, not this master's: no "on master" mail.
        Assert.Empty(_composer.Changes(before, Snap(master, byPeerUp, ofPeerUp with { Health = "DOWN" }), T0));
    }

    [Fact]
    public void A_master_heard_on_the_wire_is_listed_as_the_other_node()
    {
        var alert = _composer.Notify("dns-down", "bind down on the backup", Snap(Status(CarpState.Backup, master: "192.0.2.2"), BindDown), T0);

        Assert.Equal("dns: bind down on the backup (varda)", alert.Subject);
        Assert.Contains("Why:   rule dns-down fired (notify)\n", alert.Body);
        Assert.Contains("  192.0.2.2  MASTER (heard on the wire)\n", alert.Body);
    }

    [Fact]
    public void With_a_peer_channel_the_mail_gives_the_peers_own_state_of_the_group()
    {
        var peer = new PeerLine("vm-varda", "MASTER, link up (from the peer channel)\nprobe bind (dns) UP: answered in 1 ms");
        var snapshot = new AlertSnapshot(Status(CarpState.Backup, master: "192.0.2.2"), [BindDown], peer);

        var alert = _composer.Notify("dns-down", "bind down on the backup", snapshot, T0);

        Assert.Contains("vm-varda", alert.Body);
        Assert.Contains("MASTER, link up (from the peer channel)", alert.Body);
        Assert.Contains("probe bind (dns) UP: answered in 1 ms", alert.Body);
        Assert.DoesNotContain("heard on the wire", alert.Body);
    }

    [Fact]
    public void A_silent_peer_is_mailed_with_this_nodes_state_and_what_the_rules_do_now()
    {
        var groups = new[] { Snap(Status(CarpState.Backup, master: "192.0.2.2"), BindUp) };

        var lost = _composer.PeerReachability("vm-varda", reachable: false, groups, T0);
        var back = _composer.PeerReachability("vm-varda", reachable: true, groups, T0);

        Assert.Equal("peer vm-varda unreachable (varda)", lost.Subject);
        Assert.Contains("decide on this node's facts alone", lost.Body);
        Assert.Contains("probe bind (dns) UP: answered 192.0.2.10 in 2 ms", lost.Body);
        Assert.Equal("peer vm-varda heard again (varda)", back.Subject);
        Assert.Equal(lost.Kind, back.Kind); // one kind, two subjects: a flapping channel gives a digest each way, not a storm
    }

    [Fact]
    public void An_admin_command_says_who_and_a_refusal_why()
    {
        var snap = Snap(Status(CarpState.Master));
        var release = _composer.AdminCommand("release", "uid 0 (root) pid 42", null, snap, T0);
        Assert.Equal("dns: release on varda (by uid 0 (root) pid 42)", release.Subject);
        Assert.Contains("What:  failoverctl release of group dns on varda\n", release.Body);

        var refused = _composer.AdminCommand("takeover", "root", "DRBD r0 is not UpToDate", snap, T0);
        Assert.Contains("refused: DRBD r0 is not UpToDate", refused.Body);
    }

    [Fact]
    public void A_mode_change_says_what_who_and_the_state_of_each_group()
    {
        var groups = new[] { Snap(Status(CarpState.Master), BindUp) };

        var on = _composer.ModeChanged("standby", true, null, "root (uid 0, pid 42)", "This node gives up MASTER.", groups, T0);
        var off = _composer.ModeChanged("standby", false, null, "root (uid 0, pid 43)", "It may be MASTER again.", groups, T0);
        var group = _composer.ModeChanged("maintenance", true, "dns", "root (uid 0, pid 44)", "No action.", groups, T0);

        Assert.Equal("standby on (varda, by root (uid 0, pid 42))", on.Subject);
        Assert.Matches(@"What: +varda: standby on\n", on.Body);
        Assert.Contains("set by root (uid 0, pid 42). This node gives up MASTER.", on.Body);
        Assert.Contains("probe bind (dns) UP: answered 192.0.2.10 in 2 ms", on.Body);
        Assert.Equal(on.Kind, off.Kind);
        Assert.Equal("maintenance on for group dns (varda, by root (uid 0, pid 44))", group.Subject);
        Assert.NotEqual(on.Kind, group.Kind);
    }
}
