using System.Collections.Immutable;
using Failover.Carp;
using Failover.Daemon.Runtime;
using Failover.Monitors.Health;
using Failover.Rules.Facts;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>for: peer results named by whom they are about: the peer's measurement of this node is this node's probe.</summary>
public sealed class PeerProbesTests
{
    private static ImmutableSortedDictionary<string, ProbeFact> Probes(params (string Name, ProbeFact Fact)[] probes) =>
        probes.ToImmutableSortedDictionary(p => p.Name, p => p.Fact, StringComparer.Ordinal);

    private static readonly GroupFacts Mine = new()
    {
        Group = "dns-dhcp",
        State = CarpState.Master,
        Probes = Probes(("bind", new ProbeFact("dns", ServiceHealth.Up, "answered"))),
    };

    /// <summary>n1's own view of n2's dhcpd.</summary>
    private static readonly ImmutableSortedDictionary<string, ProbeFact> ForPeer =
        Probes(("dhcp", new ProbeFact("dhcp", ServiceHealth.Up, "DHCPOFFER of 192.0.2.150 from 192.0.2.2 in 3 ms")));

    private static GroupFacts Peer(params (string Name, ProbeFact Fact)[] aboutMe) => new()
    {
        Group = "dns-dhcp",
        State = CarpState.Backup,
        Probes = Probes(("bind", new ProbeFact("dns", ServiceHealth.Down, "timeout")), ("dhcp", new ProbeFact("exec", ServiceHealth.Down, "inactive"))),
        AboutPeer = Probes(aboutMe),
    };

    [Fact]
    public void The_peers_measurement_of_this_node_is_its_own_probe_and_its_own_measurement_of_the_peer_is_the_peers()
    {
        var peer = Peer(("dhcp", new ProbeFact("dhcp", ServiceHealth.Down, "no DHCPOFFER in 2.7 s")));

        var merged = PeerProbes.Merge(Mine, ForPeer, "n2", reachable: true, peer);

        Assert.Equal(["bind", "dhcp"], merged.Probes.Keys);
        Assert.Equal(new ProbeFact("dhcp", ServiceHealth.Down, "no DHCPOFFER in 2.7 s", null, "n2"), merged.Probes["dhcp"]);
        Assert.Equal(ServiceHealth.Up, merged.Probes["bind"].Health);
        // Ran here of the peer: it wins over the peer's own probe of that name; the peer's other probes stay.
        Assert.Equal(ForPeer["dhcp"], merged.Peer!.Probes["dhcp"]);
        Assert.Equal(ServiceHealth.Down, merged.Peer.Probes["bind"].Health);
        Assert.Equal(ForPeer, merged.AboutPeer);
        Assert.True(merged.PeerReachable);
    }

    [Fact]
    public void Channel_down_the_probe_is_unknown_with_the_reason_never_the_last_value()
    {
        var merged = PeerProbes.Merge(Mine, ForPeer, "n2", reachable: false, peer: null);

        Assert.Equal(new ProbeFact("dhcp", ServiceHealth.Unknown, "measured by peer n2: peer channel down", null, "n2"), merged.Probes["dhcp"]);
        Assert.Null(merged.Peer);
        Assert.False(merged.PeerReachable);
    }

    [Fact]
    public void A_peer_that_runs_no_such_monitor_or_has_no_such_group_leaves_it_unknown_and_says_which()
    {
        Assert.Equal("measured by peer n2: it runs no for: peer monitor dhcp",
            PeerProbes.Merge(Mine, ForPeer, "n2", reachable: true, Peer()).Probes["dhcp"].Reason);
        Assert.Equal("measured by peer n2: it has no group dns-dhcp",
            PeerProbes.Merge(Mine, ForPeer, "n2", reachable: true, peer: null).Probes["dhcp"].Reason);
        Assert.Equal(ServiceHealth.Unknown, PeerProbes.Merge(Mine, ForPeer, "n2", reachable: true, Peer()).Probes["dhcp"].Health);
    }

    [Fact]
    public void A_measurement_the_peer_sends_unasked_shows_but_never_replaces_this_nodes_own_probe()
    {
        var peer = Peer(("bind", new ProbeFact("dns", ServiceHealth.Down, "n2 asked")), ("ntp", new ProbeFact("exec", ServiceHealth.Up, "synced")));

        var merged = PeerProbes.Merge(Mine, ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal), "n2", true, peer);

        Assert.Equal(new ProbeFact("dns", ServiceHealth.Up, "answered"), merged.Probes["bind"]);
        Assert.Equal(new ProbeFact("exec", ServiceHealth.Up, "synced", null, "n2"), merged.Probes["ntp"]);
    }
}
