using System.Net;
using Failover.Carp;
using Failover.Carp.Protocol;
using Failover.Carp.Tests.Support;
using Failover.Daemon.Config;
using Failover.Daemon.Runtime;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Rules.Facts;
using System.Collections.Immutable;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>
/// The rule loop on a group driven by a manual clock and a fake network: what the rules and the built-in safety
/// make the group do (bow out, stay out, not take over), when (at once, after for:, at the hold-down's end), and
/// the actions they hand out.
/// </summary>
public sealed class GroupRulesTests : IAsyncDisposable
{
    private Action<string, string>? _notify;
    private static readonly IPAddress Us = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.1");
    private static readonly TimeSpan DeadInterval = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(50 * 1_000_000L / 256);
    private const string SvcDown = "state == master and probe.svc == down";

    private readonly ManualTimeProvider _clock = new();
    private readonly FakeGroupNetwork _network = new();
    private readonly FakeLinkWatch _links = new();
    private readonly FakeProbeFacts _probes = new();
    private readonly FakePeerChannel _peer = new();
    private readonly LogLines _log = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("failover-rules-").FullName;
    private GroupRuntime? _group;
    private GroupRules? _rules;

    private GroupRuntime Group => _group!;
    private GroupRules Rules => _rules!;

    public async ValueTask DisposeAsync()
    {
        if (_rules is not null)
            await _rules.DisposeAsync();
        if (_group is not null)
            await _group.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Starts the group as the daemon does: the rules' first verdict before the group begins.</summary>
    private void Start(string rules, string more = "")
    {
        var loaded = ConfigLoader.Parse($$"""
            groups:
              - name: web
                vhid: 42
                interface: eth0
                password: secret
                advskew: 50
                preempt: true
                vips: [192.0.2.100/24]
                monitors:
                  - { name: svc, exec: { argv: [/bin/true] } }
                  - { name: disks, drbd: { resources: [r0], source: events2 } }
                rules:
            {{rules}}
            {{more}}
            """, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var config = loaded.Config!.Groups[0];
        _group = new GroupRuntime(config, _network, _links, Us, _clock, _log.Factory);
        _rules = new GroupRules(config, _group, _probes, _clock, _log.Factory, _peer, _notify);
        _rules.Start();
        _group.Begin();
        Settle();
    }

    private static string Rule(string name, string when, string then, string? @for = null) =>
        $"      - {{ name: {name}, when: \"{when}\", then: [{then}]{(@for is null ? "" : $", for: {@for}")} }}";

    /// <summary>Waits until no evaluation, action or chain is queued or running (each may start another).</summary>
    private void Settle()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            Assert.True(Group.WhenChainsIdleAsync().Wait(TimeSpan.FromSeconds(20)), "chains still running");
            if (Rules.IsIdle && Group.WhenChainsIdleAsync().IsCompleted)
                return;
            Assert.True(DateTime.UtcNow < until, "rules still evaluating after 20 s");
            Thread.Sleep(5);
        }
    }

    private void Advance(TimeSpan by)
    {
        _clock.Advance(by);
        Settle();
    }

    private CarpState State => Group.Status().State;

    private void TakeOver()
    {
        Advance(DeadInterval);
        Assert.Equal(CarpState.Master, State);
    }

    /// <summary>A master that goes silent: heard once, then never again.</summary>
    private void PeerMasterThenDies()
    {
        Group.OnPacket(PeerAdverts.Packet(Peer, advskew: 0));
        Settle();
        Advance(DeadInterval * 3);
    }

    private const string PeerDoesBetter = "state == master and probe.svc == down and peer.reachable and peer.probe.svc == up";

    private static GroupFacts PeerWithSvc(ServiceHealth health) => new()
    {
        Group = "web",
        State = CarpState.Backup,
        Probes = ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal).Add("svc", new ProbeFact("exec", health)),
    };

    [Theory]
    [InlineData(true, ServiceHealth.Up, CarpState.Backup)]     // the peer can do better: hand over
    [InlineData(true, ServiceHealth.Down, CarpState.Master)]   // failing on both: stay, no ping-pong
    [InlineData(false, ServiceHealth.Up, CarpState.Master)]    // the peer unreachable: its stale word is not used
    public void A_rule_on_peer_facts_demotes_only_when_the_reachable_peer_can_do_better(bool reachable, ServiceHealth peerSvc, CarpState expected)
    {
        Start(Rule("peer-better", PeerDoesBetter, "demote"));
        _probes.Set("svc", ServiceHealth.Up);
        TakeOver();

        _peer.Set(reachable, reachable ? PeerWithSvc(peerSvc) : null);
        _probes.Set("svc", ServiceHealth.Down);
        Settle();

        Assert.Equal(expected, State);
    }

    [Fact]
    public void A_change_of_the_peer_alone_makes_the_rules_judge_again()
    {
        Start(Rule("peer-better", PeerDoesBetter, "demote"));
        _probes.Set("svc", ServiceHealth.Up);
        TakeOver();
        _probes.Set("svc", ServiceHealth.Down);
        _peer.Set(true, PeerWithSvc(ServiceHealth.Down));
        Settle();
        Assert.Equal(CarpState.Master, State);

        _peer.Set(true, PeerWithSvc(ServiceHealth.Up));
        Settle();

        Assert.Equal(CarpState.Backup, State);
        Assert.Contains(_log.Lines, l => l.StartsWith("group web: rule peer-better fired", StringComparison.Ordinal));
    }

    private static GroupFacts PeerMeasuringSvc(ServiceHealth health) => new()
    {
        Group = "web",
        State = CarpState.Backup,
        AboutPeer = ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal)
            .Add("svc", new ProbeFact("dhcp", health, $"as n2 measured it: {health}")),
    };

    [Fact]
    public void A_probe_the_peer_runs_of_this_node_is_its_own_probe_here_and_unknown_while_the_channel_is_down()
    {
        Start(Rule("own-svc", SvcDown, "demote"));
        _probes.SetForPeer("svc", ServiceHealth.Down, "no DHCPOFFER in 2.7 s");  // this node's view of the peer's svc

        // Channel down: probe.svc is unknown, so the rule neither fires nor keeps this node from taking over.
        TakeOver();
        var facts = _peer.Published[^1];
        Assert.Equal(new ProbeFact("dhcp", ServiceHealth.Unknown, "measured by peer n2: peer channel down", null, "n2"), facts.Probes["svc"]);
        Assert.Null(facts.Peer);
        Assert.Equal(ServiceHealth.Down, facts.AboutPeer["svc"].Health);

        // The peer measures this node's svc up: still master; this node's own measurement of the peer is peer.probe.svc.
        _peer.Set(true, PeerMeasuringSvc(ServiceHealth.Up));
        Settle();
        Assert.Equal(CarpState.Master, State);
        facts = _peer.Published[^1];
        Assert.Equal(new ProbeFact("dhcp", ServiceHealth.Up, "as n2 measured it: Up", null, "n2"), facts.Probes["svc"]);
        Assert.Equal((ServiceHealth.Down, "no DHCPOFFER in 2.7 s"), (facts.Peer!.Probes["svc"].Health, facts.Peer.Probes["svc"].Reason));

        // Its measurement alone changes: the rules judge again and the master bows out.
        _peer.Set(true, PeerMeasuringSvc(ServiceHealth.Down));
        Settle();
        Assert.Equal(CarpState.Backup, State);
        Assert.Contains(_log.Lines, l => l.StartsWith("group web: rule own-svc fired", StringComparison.Ordinal));

        // The channel cut: unknown again, never the last value heard.
        _peer.Set(false, null);
        Settle();
        Assert.Equal((ServiceHealth.Unknown, "measured by peer n2: peer channel down"),
            (_peer.Published[^1].Probes["svc"].Health, _peer.Published[^1].Probes["svc"].Reason));
    }

    [Fact]
    public void Each_evaluation_publishes_the_group_s_facts_to_the_peer()
    {
        Start("");
        _probes.Set("svc", ServiceHealth.Up);
        TakeOver();

        var last = _peer.Published[^1];
        Assert.Equal(("web", CarpState.Master, ServiceHealth.Up), (last.Group, last.State, last.Probes["svc"].Health));
    }

    [Fact]
    public void A_demoting_rule_makes_the_master_bow_out_and_the_hold_down_keeps_it_out_until_it_ends()
    {
        Start(Rule("svc-down", SvcDown, "demote, { hold_down: 1m }"));
        _probes.Set("svc", ServiceHealth.Up);
        TakeOver();
        var firedAt = _clock.GetUtcNow();

        _probes.Set("svc", ServiceHealth.Down);
        Settle();

        Assert.Equal(CarpState.Backup, State);
        Assert.Equal($"not eligible: rule svc-down: {SvcDown}", Group.Status().LastTransition!.Reason);
        Assert.Equal(CarpTiming.BowOut, CarpHeader.Read(_network.Adverts[^1].AsSpan(20)).Timing);
        var report = Rules.Report();
        Assert.Equal((firedAt + TimeSpan.FromMinutes(1), "svc-down"), (report.HoldDownUntil, report.HoldDownRule));
        Assert.Contains(_log.Lines, l => l == $"group web: rule svc-down fired: {SvcDown}; then demote, hold_down: 1m");

        // The service is back, no master is heard: still out, for the hold-down.
        _probes.Set("svc", ServiceHealth.Up);
        Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(CarpState.Backup, State);
        Assert.StartsWith("hold-down until ", Group.Status().IneligibleReason);
        Assert.EndsWith(": set by rule svc-down", Group.Status().IneligibleReason);

        Advance(TimeSpan.FromSeconds(1));
        Assert.Null(Group.Status().IneligibleReason);
        Assert.Null(Rules.Report().HoldDownUntil);
        Advance(DeadInterval);
        Assert.Equal(CarpState.Master, State);
    }

    [Fact]
    public void Forbid_master_keeps_a_backup_from_taking_over_when_the_master_dies_but_does_not_demote_a_master()
    {
        Start(Rule("svc-down", "probe.svc == down", "forbid_master"));
        _probes.Set("svc", ServiceHealth.Down);

        PeerMasterThenDies();

        Assert.Equal(CarpState.Backup, State);
        Assert.Equal("rule svc-down: probe.svc == down", Group.Status().IneligibleReason);

        _probes.Set("svc", ServiceHealth.Up);
        Settle();
        TakeOver();
        _probes.Set("svc", ServiceHealth.Down);
        Advance(DeadInterval);

        Assert.Equal(CarpState.Master, State);
        Assert.Null(Group.Status().IneligibleReason);
        Assert.Equal((false, true), (Rules.Report().MayBecomeMaster, Rules.Report().MayStayMaster));
    }

    [Fact]
    public void A_backup_whose_drbd_is_not_uptodate_never_becomes_master_and_says_why()
    {
        Start("");
        _probes.SetDrbd(FakeProbeFacts.Healthy with
        {
            ConnectionState = "SyncTarget", LocalDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(40),
        });

        PeerMasterThenDies();
        Assert.True(Group.TryTakeOver(out _) is false);

        Assert.Equal(CarpState.Backup, State);
        Assert.Equal("safety: r0 disk is Inconsistent (SyncTarget 40%)", Group.Status().IneligibleReason);
        Assert.Contains(_log.Lines, l => l == "group web: rules: may not become MASTER: safety: r0 disk is Inconsistent (SyncTarget 40%)");

        // The resync moves on: no new log line for each percent.
        _probes.SetDrbd(FakeProbeFacts.Healthy with
        {
            ConnectionState = "SyncTarget", LocalDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(90),
        });
        Settle();
        Assert.Single(_log.Lines, l => l.StartsWith("group web: rules: may not become MASTER", StringComparison.Ordinal));

        _probes.SetDrbd(FakeProbeFacts.Healthy);
        Settle();
        Advance(DeadInterval);
        Assert.Equal(CarpState.Master, State);
    }

    [Fact]
    public void Drbd_not_read_yet_holds_the_group_from_its_start()
    {
        _probes.SetDrbd();
        Start("");

        Advance(DeadInterval * 3);

        Assert.Equal(CarpState.Backup, State);
        Assert.Equal("safety: r0 disk is DUnknown (Unknown)", Group.Status().IneligibleReason);
    }

    [Fact]
    public void After_a_link_loss_the_vips_are_reclaimed_only_once_a_drbd_read_since_shows_the_resources_in_sync()
    {
        Start("");
        TakeOver();

        _links.Set("eth0", false);
        Settle();
        Assert.Equal(CarpState.Backup, State);
        _links.Set("eth0", true);
        // A blip: DRBD was last read Connected, before the loss. That read says nothing about now.
        Advance(DeadInterval * 3);
        Assert.Equal(CarpState.Backup, State);
        Assert.Equal("safety: the link was lost and the resources have not been in sync since", Group.Status().IneligibleReason);

        // Read again: connected, and resyncing to the peer. Our disk is UpToDate, but the pair is not in sync.
        _probes.SetDrbd(FakeProbeFacts.Healthy with { ConnectionState = "SyncSource", PeerDisk = DrbdDiskState.Inconsistent });
        Advance(DeadInterval * 3);
        Assert.Equal(CarpState.Backup, State);
        Assert.Equal("safety: the link was lost and the resources have not been in sync since", Group.Status().IneligibleReason);

        _probes.SetDrbd(FakeProbeFacts.Healthy);
        Settle();
        Advance(DeadInterval);
        Assert.Equal(CarpState.Master, State);
        Assert.Contains(_log.Lines, l => l == "group web: link up and resources in sync again since the link loss");
    }

    [Fact]
    public void A_rule_fires_when_its_for_has_elapsed_with_no_other_event()
    {
        Start(Rule("svc-down", SvcDown, "demote", @for: "5s"));
        _probes.Set("svc", ServiceHealth.Up);
        TakeOver();

        _probes.Set("svc", ServiceHealth.Down);
        Settle();
        Advance(TimeSpan.FromMilliseconds(4_900));
        Assert.Equal(CarpState.Master, State);
        Assert.Contains(_log.Lines, l => l.StartsWith($"group web: rule svc-down holds: {SvcDown}; fires at ", StringComparison.Ordinal));

        Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(CarpState.Backup, State);
        Assert.Equal($"not eligible: rule svc-down: {SvcDown}", Group.Status().LastTransition!.Reason);
    }

    [Fact]
    public void Actions_run_with_the_chain_steps_commands_once_per_firing_and_undone_ones_are_logged()
    {
        var calls = Path.Combine(_dir, "calls");
        var fake = Path.Combine(_dir, "fake");
        File.WriteAllText(fake, $"#!/bin/sh\necho \"$0 $*\" >> {calls}\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Start(Rule("svc-down", "probe.svc == down",
                "{ restart_service: svc }, { reconnect_drbd: r0 }, { split_brain_recovery: r0 }, { notify: \"svc down\" }"),
            $$"""
                on_backup:
                  - service: { name: other, action: stop, command: {{fake}} }
                  - drbd: { resource: r0, role: secondary, command: {{fake}} }
            """);
        File.Delete(calls);

        _probes.Set("svc", ServiceHealth.Down);
        Settle();
        _probes.Set("svc", ServiceHealth.Down, "still down");
        Advance(TimeSpan.FromSeconds(30));

        Assert.True(File.Exists(calls), string.Join("\n", _log.Lines));
        Assert.Equal([$"{fake} connect r0", $"{fake} restart svc"], File.ReadAllLines(calls));
        Assert.Contains(_log.Lines, l => l.StartsWith($"group web: reconnect_drbd: r0 (rule svc-down): {fake} connect r0: ok in ", StringComparison.Ordinal));
        Assert.Contains(_log.Lines, l => l == "group web: split_brain_recovery: r0 (rule svc-down) decided but not carried out: "
            + "the group has no split_brain: policy: recover by hand (docs/rules.md, Split brain)");
        Assert.Contains(_log.Lines, l => l == "group web: notify (rule svc-down): \"svc down\" (logged only: failover.yaml has no mail: section)");
    }

    [Fact]
    public void In_maintenance_a_demote_rule_fires_but_the_master_stays_and_no_action_runs_until_it_ends()
    {
        var calls = Path.Combine(_dir, "calls");
        var fake = Path.Combine(_dir, "fake");
        File.WriteAllText(fake, $"#!/bin/sh\necho \"$0 $*\" >> {calls}\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Start(Rule("svc-down", SvcDown, "demote, { restart_service: svc }"),
            $$"""
                on_backup:
                  - service: { name: svc, action: stop, command: {{fake}} }
            """);
        _probes.Set("svc", ServiceHealth.Up);
        TakeOver();
        Group.SetMaintenance(true);
        Settle();
        File.Delete(calls);

        _probes.Set("svc", ServiceHealth.Down);
        Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(CarpState.Master, State);
        Assert.False(File.Exists(calls));
        Assert.Contains("svc-down", Rules.Report().Firing);
        Assert.Contains(_log.Lines, l => l == "group web: restart_service: svc (rule svc-down) not carried out: maintenance");
        Assert.Contains(_log.Lines, l => l.StartsWith($"group web: maintenance: would have gone BACKUP (not eligible: rule svc-down: {SvcDown})", StringComparison.Ordinal));

        Group.SetMaintenance(false);
        Settle();

        Assert.Equal(CarpState.Backup, State);
        Assert.Equal($"not eligible: rule svc-down: {SvcDown}", Group.Status().LastTransition!.Reason);
    }

    [Fact]
    public void Notify_goes_to_the_alert_outbox_once_per_firing_when_mail_is_wired()
    {
        var posted = new List<(string Rules, string Text)>();
        _notify = (rules, text) =>
        {
            lock (posted)
                posted.Add((rules, text));
        };
        Start(Rule("svc-down", "probe.svc == down", "{ notify: \"svc down\" }"));

        _probes.Set("svc", ServiceHealth.Down);
        Settle();
        _probes.Set("svc", ServiceHealth.Down, "still down");
        Settle();

        lock (posted)
            Assert.Equal([("svc-down", "svc down")], posted);
        Assert.Contains(_log.Lines, l => l == "group web: notify (rule svc-down): \"svc down\"");
        Assert.DoesNotContain(_log.Lines, l => l.Contains("logged only", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_shows_the_facts_the_rule_that_fired_and_the_hold_down()
    {
        Start(Rule("svc-down", SvcDown, "demote, { hold_down: 1m }"));
        _probes.Set("svc", ServiceHealth.Up);
        TakeOver();
        _probes.Set("svc", ServiceHealth.Down, "exit 2: CRITICAL");
        Settle();

        var report = Rules.Explain();

        Assert.Contains(report.Facts, f => f is { Name: "probe.svc", Value: "DOWN", Detail: "since start (exec): exit 2: CRITICAL" });
        var rule = Assert.Single(report.Rules);
        Assert.Equal(("idle", _clock.GetUtcNow()), (rule.Status, rule.LastFiredAt));
        Assert.False(report.MayBecomeMaster);
        Assert.Equal([("hold-down", "set by rule svc-down")], report.Vetoes.Select(v => (v.Source, v.Reason)));
    }
}
