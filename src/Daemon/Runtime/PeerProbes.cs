using System.Collections.Immutable;
using Failover.Monitors.Health;
using Failover.Rules.Facts;

namespace Failover.Daemon.Runtime;

/// <summary>
/// Puts <c>for: peer</c> results where they belong: facts are named by whom they are about, not by who ran them. This
/// node's for-peer monitors are the peer's health (<c>peer.probe.NAME</c>), and the peer's for-peer monitors, received
/// over the peer channel, are this node's own <c>probe.NAME</c>.
/// </summary>
/// <remarks>
/// A result about this node is used only while the channel hears the peer: otherwise it is unknown, with the reason,
/// never the last value heard. A rule on it then neither fires nor clears on a guess (docs/rules.md, unknown facts).
/// </remarks>
public static class PeerProbes
{
    /// <param name="facts">The group's facts with this node's own probes only.</param>
    /// <param name="forPeer">This node's for-peer monitors: what it measures of the peer.</param>
    /// <param name="peerNode">The peer's name, for the reasons.</param>
    /// <param name="reachable">The channel hears the peer now.</param>
    /// <param name="peer">The peer's facts for the group while reachable (<see cref="PeerFacts.For"/>).</param>
    public static GroupFacts Merge(GroupFacts facts, ImmutableSortedDictionary<string, ProbeFact> forPeer, string peerNode,
        bool reachable, GroupFacts? peer) => facts with
    {
        Probes = facts.Probes.AddRange(AboutMe(facts.Group, facts.Probes, forPeer, peerNode, reachable, peer)),
        AboutPeer = forPeer,
        PeerReachable = reachable,
        // This node ran these itself: they are the peer's health even where the peer reports a probe of the same name.
        Peer = peer is null ? null : peer with { Probes = peer.Probes.SetItems(forPeer) },
    };

    /// <summary>
    /// What the peer measured of this node: one fact for each of this node's for-peer monitors (both nodes run the same
    /// monitors: each names what it expects back), and any other result the peer sends. A name this node's own
    /// monitors use stays theirs.
    /// </summary>
    public static ImmutableSortedDictionary<string, ProbeFact> AboutMe(string group, IReadOnlyDictionary<string, ProbeFact> own,
        IReadOnlyDictionary<string, ProbeFact> forPeer, string peerNode, bool reachable, GroupFacts? peer)
    {
        var sent = reachable && peer is not null ? peer.AboutPeer : ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal);
        var names = forPeer.Keys.Concat(sent.Keys).Where(n => !own.ContainsKey(n)).Distinct();
        return names.ToImmutableSortedDictionary(n => n, n => sent.TryGetValue(n, out var measured)
            ? measured with { Since = null, MeasuredBy = peerNode }
            : new ProbeFact(forPeer[n].Kind, ServiceHealth.Unknown, $"measured by peer {peerNode}: {Missing(group, n, reachable, peer)}",
                MeasuredBy: peerNode),
            StringComparer.Ordinal);
    }

    private static string Missing(string group, string name, bool reachable, GroupFacts? peer) =>
        !reachable ? "peer channel down"
        : peer is null ? $"it has no group {group}"
        : $"it runs no for: peer monitor {name}";
}
