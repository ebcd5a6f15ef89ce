using System.Collections.Immutable;
using System.Net;
using Failover.Carp;
using Failover.Carp.StateMachine;
using Failover.Daemon.Runtime;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Peer.Snapshot;
using Failover.Peer.Transport;
using Failover.Rules.Facts;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>A group's facts to the peer snapshot and back: what the peer's rules read as peer.*.</summary>
public sealed class PeerFactsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static GroupFacts Samba() => new()
    {
        Group = "samba",
        State = CarpState.Master,
        MasterSeen = IPAddress.Parse("10.4.0.211"),
        LinkUp = true,
        Probes = ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal)
            .Add("smbd", new ProbeFact("samba", ServiceHealth.Down, "connection refused by 10.4.0.2:445", T0))
            .Add("slapd", new ProbeFact("ldap", ServiceHealth.Up, "bind ok", T0)),
        Drbd = ImmutableSortedDictionary.Create<string, DrbdResourceState>(StringComparer.Ordinal).Add("r0", new DrbdResourceState
        {
            Name = "r0", ConnectionState = "SyncSource", LocalRole = DrbdRole.Primary, PeerRole = DrbdRole.Secondary,
            LocalDisk = DrbdDiskState.UpToDate, PeerDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(42.5),
        }),
        Standby = true,
        Preference = AdminPreference.StayMaster,
        LastTransitionAt = T0,
    };

    [Fact]
    public void A_group_goes_out_in_the_words_of_the_wire_format()
    {
        var snapshot = PeerFacts.ToSnapshot(Samba());

        Assert.Equal(("samba", "Master", "10.4.0.211", true, false, true, "Takeover"),
            (snapshot.Name, snapshot.State, snapshot.Master, snapshot.LinkUp, snapshot.Maintenance, snapshot.Standby, snapshot.Preference));
        Assert.Equal(
            [new PeerProbeSnapshot("slapd", "ldap", "Up", "bind ok"), new PeerProbeSnapshot("smbd", "samba", "Down", "connection refused by 10.4.0.2:445")],
            snapshot.Probes);
        Assert.Equal([new PeerDrbdSnapshot("r0", "SyncSource", "Primary", "Secondary", "UpToDate", "Inconsistent", false, 42.5)], snapshot.Drbd);
    }

    [Fact]
    public void Back_from_the_wire_everything_but_the_times_is_the_same()
    {
        var original = Samba();

        var back = PeerFacts.FromSnapshot(PeerFacts.ToSnapshot(original));

        Assert.Equal((original.Group, original.State, original.MasterSeen, original.LinkUp, original.Standby, original.Preference),
            (back.Group, back.State, back.MasterSeen, back.LinkUp, back.Standby, back.Preference));
        Assert.Equal((ServiceHealth.Down, "samba", "connection refused by 10.4.0.2:445", (DateTimeOffset?)null),
            (back.Probes["smbd"].Health, back.Probes["smbd"].Kind, back.Probes["smbd"].Reason, back.Probes["smbd"].Since));
        Assert.Equal(ServiceHealth.Up, back.Probes["slapd"].Health);
        var r0 = back.Drbd["r0"];
        Assert.Equal(("SyncSource", DrbdRole.Primary, DrbdRole.Secondary, DrbdDiskState.UpToDate, DrbdDiskState.Inconsistent, 42.5),
            (r0.ConnectionState, r0.LocalRole, r0.PeerRole, r0.LocalDisk, r0.PeerDisk, r0.SyncPercent));
        Assert.Null(back.LastTransitionAt);
    }

    [Fact]
    public void For_peer_results_go_out_as_about_you_and_what_the_peer_measured_here_is_not_echoed_back()
    {
        var facts = Samba() with
        {
            Probes = Samba().Probes.Add("dhcp", new ProbeFact("dhcp", ServiceHealth.Down, "measured by peer n2: peer channel down", MeasuredBy: "n2")),
            AboutPeer = ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal)
                .Add("dhcp", new ProbeFact("dhcp", ServiceHealth.Up, "DHCPOFFER of 192.0.2.150 from 192.0.2.2 in 3 ms", T0)),
        };

        var snapshot = PeerFacts.ToSnapshot(facts);

        Assert.Equal(["slapd", "smbd"], snapshot.Probes.Select(p => p.Name));
        Assert.Equal([new PeerProbeSnapshot("dhcp", "dhcp", "Up", "DHCPOFFER of 192.0.2.150 from 192.0.2.2 in 3 ms")], snapshot.AboutYou);
        var back = PeerFacts.FromSnapshot(snapshot);
        Assert.Equal(new ProbeFact("dhcp", ServiceHealth.Up, "DHCPOFFER of 192.0.2.150 from 192.0.2.2 in 3 ms"), back.AboutPeer["dhcp"]);
        Assert.False(back.Probes.ContainsKey("dhcp"));
    }

    [Fact]
    public void A_peer_without_about_you_measures_nothing_here()
    {
        Assert.Null(PeerFacts.ToSnapshot(Samba()).AboutYou);  // left out, as an older peer leaves it out
        var back = PeerFacts.FromSnapshot(new PeerGroupSnapshot { Name = "web", State = "Backup" });

        Assert.Empty(back.AboutPeer);
    }

    [Theory]
    [InlineData("Healthy")]
    [InlineData("1")]
    [InlineData("")]
    public void Words_this_node_does_not_know_read_as_unknown_never_as_up(string health)
    {
        var back = PeerFacts.FromSnapshot(new PeerGroupSnapshot
        {
            Name = "web", State = "Leader", Probes = [new PeerProbeSnapshot("svc", "exec", health)],
            Drbd = [new PeerDrbdSnapshot("r0", "Connected", "Boss", "2", "Fine", "UpToDate")],
        });

        Assert.Equal(CarpState.Init, back.State);
        Assert.Equal(ServiceHealth.Unknown, back.Probes["svc"].Health);
        Assert.Equal((DrbdRole.Unknown, DrbdRole.Unknown, DrbdDiskState.DUnknown), (back.Drbd["r0"].LocalRole, back.Drbd["r0"].PeerRole, back.Drbd["r0"].LocalDisk));
    }

    private static PeerView View(bool reachable) => new(reachable, new PeerSnapshot
    {
        Node = "yavanna", Version = "0.1.0", Groups = [PeerFacts.ToSnapshot(Samba())],
    }, T0, T0);

    [Fact]
    public void A_reachable_peer_gives_its_facts_for_the_same_group()
    {
        var (reachable, peer) = PeerFacts.For(View(true), "samba");

        Assert.True(reachable);
        Assert.Equal(CarpState.Master, peer!.State);
    }

    [Fact]
    public void An_unreachable_peer_gives_nothing_even_with_a_snapshot_kept()
    {
        Assert.Equal((false, (GroupFacts?)null), PeerFacts.For(View(false), "samba"));
        Assert.Equal((false, (GroupFacts?)null), PeerFacts.For(null, "samba"));
    }

    [Fact]
    public void A_group_the_peer_does_not_have_is_unknown_though_the_peer_is_reachable()
    {
        Assert.Equal((true, (GroupFacts?)null), PeerFacts.For(View(true), "dns"));
    }
}
