using System.Net;
using Failover.Carp;
using Failover.Carp.StateMachine;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Rules.Facts;
using Failover.Rules.Language;
using Failover.Rules.Tests.Support;

namespace Failover.Rules.Tests.Language;

/// <summary>Each fact read from a snapshot: its value, how explanations show it, three-valued logic.</summary>
public sealed class ConditionEvaluationTests
{
    private static readonly DateTimeOffset Now = Sample.T0;

    private static (Truth Value, IReadOnlyList<ConditionExplanation> Seen) Evaluate(string text, GroupFacts facts)
    {
        var seen = new List<ConditionExplanation>();
        var value = Sample.When(text).Evaluate(new FactContext(facts, Now, seen));
        return (value, seen);
    }

    private static GroupFacts Facts(string name) => name switch
    {
        "master" => Sample.Master(),
        "backup" => Sample.Backup(),
        "init, link down, nothing heard" => Sample.Master() with { State = CarpState.Init, LinkUp = false, MasterSeen = null, LastTransitionAt = null },
        "bind down" => Sample.Master().WithProbe("bind", ServiceHealth.Down, "SERVFAIL from 127.0.0.1:53", Now - TimeSpan.FromSeconds(45)),
        "bind unknown" => Sample.Master() with { Probes = Sample.Master().Probes.SetItem("bind", new ProbeFact("dns", ServiceHealth.Unknown)) },
        "r0 syncing" => Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "SyncTarget", LocalDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(45.25) }),
        "r0 split brain" => Sample.Master().WithDrbd("r0", s => s with { ConnectionState = "StandAlone", PeerRole = DrbdRole.Unknown, PeerDisk = DrbdDiskState.DUnknown, SplitBrain = true }),
        "modes" => Sample.Master() with { Maintenance = true, Standby = true, Preference = AdminPreference.StayMaster },
        "vip-up failed" => Sample.Master() with { VipUpFailedAt = Now - TimeSpan.FromSeconds(90), LinkLostUnsynced = true },
        "with peer" => Sample.Master() with { Peer = Sample.Backup(), PeerReachable = true },
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("master", "state == master", Truth.True, "state is MASTER")]
    [InlineData("master", "state == BACKUP", Truth.False, "state is MASTER")]
    [InlineData("backup", "state != master", Truth.True, "state is BACKUP")]
    [InlineData("init, link down, nothing heard", "state == init", Truth.True, "state is INIT")]
    [InlineData("master", "master == 10.4.0.102", Truth.True, "master seen is 10.4.0.102")]
    [InlineData("backup", "master == 10.4.0.102", Truth.False, "master seen is 10.4.0.202")]
    [InlineData("master", "master == none", Truth.False, "master seen is 10.4.0.102")]
    [InlineData("init, link down, nothing heard", "master == none", Truth.True, "no master seen")]
    [InlineData("master", "link == up", Truth.True, "link is up")]
    [InlineData("init, link down, nothing heard", "link == down", Truth.True, "link is down")]
    [InlineData("master", "probe.bind == down", Truth.False, "bind is UP: answer 192.0.2.80 in 1 ms")]
    [InlineData("bind down", "probe.bind == down", Truth.True, "bind is DOWN: SERVFAIL from 127.0.0.1:53")]
    [InlineData("bind down", "probe.bind.health != UP", Truth.True, "bind is DOWN: SERVFAIL from 127.0.0.1:53")]
    [InlineData("bind unknown", "probe.bind == unknown", Truth.True, "bind is UNKNOWN")]
    [InlineData("bind unknown", "probe.bind == down", Truth.False, "bind is UNKNOWN")]
    [InlineData("bind down", "probe.bind.since > 30s", Truth.True, "bind is DOWN for 45s")]
    [InlineData("bind down", "probe.bind.since >= 45s", Truth.True, "bind is DOWN for 45s")]
    [InlineData("bind down", "probe.bind.since > 45s", Truth.False, "bind is DOWN for 45s")]
    [InlineData("bind unknown", "probe.bind.since > 24h", Truth.True, "bind is UNKNOWN since start")]
    [InlineData("master", "drbd.r0.disk == UpToDate", Truth.True, "r0 disk is UpToDate")]
    [InlineData("r0 syncing", "drbd.r0.disk != uptodate", Truth.True, "r0 disk is Inconsistent")]
    [InlineData("r0 syncing", "drbd.r0.peer_disk == UpToDate", Truth.True, "r0 peer disk is UpToDate")]
    [InlineData("r0 syncing", "drbd.r0.connection == synctarget", Truth.True, "r0 connection is SyncTarget")]
    [InlineData("r0 syncing", "drbd.r0.role == secondary", Truth.True, "r0 role is Secondary")]
    [InlineData("r0 syncing", "drbd.r0.peer_role == PRIMARY", Truth.True, "r0 peer role is Primary")]
    [InlineData("r0 syncing", "drbd.r0.sync < 50", Truth.True, "r0 resync at 45.3%")]
    [InlineData("r0 syncing", "drbd.r0.sync >= 45.25%", Truth.True, "r0 resync at 45.3%")]
    [InlineData("r0 syncing", "drbd.r0.sync == 45.25", Truth.True, "r0 resync at 45.3%")]
    [InlineData("master", "drbd.r0.sync < 50", Truth.Unknown, "r0: Connected, no resync running")]
    [InlineData("master", "drbd.r0.split_brain", Truth.False, "r0: no split brain, Connected")]
    [InlineData("r0 split brain", "drbd.r0.split_brain", Truth.True, "r0: split brain")]
    [InlineData("r0 split brain", "drbd.r0.connection == StandAlone", Truth.True, "r0 connection is StandAlone")]
    [InlineData("master", "drbd.r1.disk == UpToDate", Truth.Unknown, "r1: not reported by DRBD")]
    [InlineData("master", "in_sync", Truth.True, "resources in sync")]
    [InlineData("r0 syncing", "in_sync", Truth.False, "not in sync: r0 SyncTarget Inconsistent/UpToDate")]
    [InlineData("r0 split brain", "in_sync", Truth.False, "not in sync: r0 StandAlone UpToDate/DUnknown split brain")]
    [InlineData("master", "maintenance", Truth.False, "maintenance is off")]
    [InlineData("modes", "maintenance", Truth.True, "maintenance is on")]
    [InlineData("modes", "standby", Truth.True, "standby is on")]
    [InlineData("master", "preference == none", Truth.True, "preference is none")]
    [InlineData("modes", "preference == Taken-Over", Truth.True, "preference is taken-over")]
    [InlineData("master", "since_transition < 10m", Truth.False, "last transition 1h ago")]
    [InlineData("master", "since_transition > 59m", Truth.True, "last transition 1h ago")]
    [InlineData("init, link down, nothing heard", "since_transition > 100h", Truth.True, "no transition since start")]
    [InlineData("init, link down, nothing heard", "since_transition < 100h", Truth.False, "no transition since start")]
    [InlineData("master", "vip_up_failed", Truth.False, "vip-up chain has not failed")]
    [InlineData("vip-up failed", "vip_up_failed", Truth.True, "vip-up chain failed 1m30s ago")]
    [InlineData("vip-up failed", "since_vip_up_failure < 2m", Truth.True, "vip-up chain failed 1m30s ago")]
    [InlineData("master", "since_vip_up_failure < 2m", Truth.False, "vip-up chain has not failed")]
    [InlineData("vip-up failed", "link_lost_unsynced", Truth.True, "the link was lost and the resources have not been in sync since")]
    [InlineData("master", "link_lost_unsynced", Truth.False, "no link loss waiting for a resync")]
    [InlineData("master", "peer.state == backup", Truth.Unknown, "peer not known")]
    [InlineData("master", "not peer.state == backup", Truth.Unknown, "peer not known")]
    [InlineData("with peer", "peer.state == backup", Truth.True, "peer: state is BACKUP")]
    [InlineData("with peer", "peer.drbd.r0.role == secondary", Truth.True, "peer: r0 role is Secondary")]
    [InlineData("with peer", "peer.master == 10.4.0.202", Truth.True, "peer: master seen is 10.4.0.202")]
    [InlineData("master", "peer.reachable", Truth.False, "the peer is not reachable")]
    [InlineData("master", "not peer.reachable", Truth.True, "the peer is not reachable")]
    [InlineData("with peer", "peer.reachable", Truth.True, "the peer is reachable")]
    [InlineData("with peer", "peer.probe.bind == up", Truth.True, "peer: bind is UP: answer 192.0.2.80 in 1 ms")]
    public void One_fact(string facts, string condition, Truth expected, string shown)
    {
        var (value, seen) = Evaluate(condition, Facts(facts));
        Assert.Equal(expected, value);
        Assert.Equal(shown, Assert.Single(seen).Shown);
    }

    [Fact]
    public void A_probe_missing_from_the_facts_is_unknown()
    {
        var facts = Sample.Master() with { Probes = Sample.Probes(("smbd", ServiceHealth.Up)) };
        var (value, seen) = Evaluate("probe.bind == up", facts);
        Assert.Equal(Truth.Unknown, value);
        Assert.Equal("bind: no such probe in the facts", seen[0].Shown);
    }

    [Theory]
    // Kleene: unknown (the peer) never makes a rule fire, however negated, unless the rest decides.
    [InlineData("peer.state == master and state == master", Truth.Unknown)]
    [InlineData("peer.state == master and state == backup", Truth.False)]
    [InlineData("peer.state == master or state == master", Truth.True)]
    [InlineData("peer.state == master or state == backup", Truth.Unknown)]
    [InlineData("not (peer.state == master or state == backup)", Truth.Unknown)]
    [InlineData("not (peer.state == master and state == backup)", Truth.True)]
    [InlineData("not not state == master", Truth.True)]
    public void Unknown_follows_three_valued_logic(string condition, Truth expected)
    {
        Assert.Equal(expected, Evaluate(condition, Sample.Master()).Value);
    }

    [Fact]
    public void Every_comparison_is_seen_in_text_order_even_once_the_answer_is_known()
    {
        var (value, seen) = Evaluate("state == backup and (probe.bind == down or probe.dhcpd == down)", Sample.Master());
        Assert.Equal(Truth.False, value);
        Assert.Equal(["state == backup: false (state is MASTER)",
            "probe.bind == down: false (bind is UP: answer 192.0.2.80 in 1 ms)",
            "probe.dhcpd == down: false (dhcpd is UP: answer 192.0.2.80 in 1 ms)"], seen.Select(s => s.ToString()));
    }

    [Theory]
    // Elapsed comparisons say when they will flip by themselves; the transition was 1 h before Now.
    [InlineData("since_transition < 90m", "01:30:00")]
    [InlineData("since_transition >= 90m", "01:30:00")]
    [InlineData("since_transition > 90m", "01:30:00.0000001")]
    [InlineData("since_transition <= 90m", "01:30:00.0000001")]
    [InlineData("since_transition == 90m", "01:30:00")]
    [InlineData("since_transition < 10m", null)]
    public void Elapsed_comparisons_know_when_they_flip(string condition, string? afterTransition)
    {
        var facts = Sample.Master();
        var seen = Assert.Single(Evaluate(condition, facts).Seen);
        Assert.Equal(afterTransition is null ? null : facts.LastTransitionAt + TimeSpan.Parse(afterTransition, System.Globalization.CultureInfo.InvariantCulture), seen.ChangesAt);
    }

    [Fact]
    public void A_threshold_beyond_the_calendar_never_flips()
    {
        var facts = Sample.Master() with { LastTransitionAt = DateTimeOffset.MaxValue.AddYears(-500) };
        Assert.Null(Assert.Single(Evaluate("since_transition < 8760000h", facts).Seen).ChangesAt);
    }

    [Fact]
    public void Nothing_flips_by_itself_when_it_never_happened_or_is_not_elapsed()
    {
        Assert.Null(Evaluate("since_vip_up_failure < 10m", Sample.Master()).Seen[0].ChangesAt);
        Assert.Null(Evaluate("state == master", Sample.Master()).Seen[0].ChangesAt);
    }

    [Fact]
    public void Peer_address_compares_as_an_address()
    {
        var facts = Sample.Master() with { Peer = Sample.Backup() with { MasterSeen = IPAddress.Parse("10.4.0.102") } };
        Assert.Equal(Truth.True, Evaluate("peer.master == 10.4.0.102 and master == 10.4.0.102", facts).Value);
    }
}
