using System.Collections.Immutable;
using Failover.Daemon.Runtime;
using Failover.Monitors.Drbd;

namespace Failover.Daemon.Alerts;

/// <summary>What an alert needs to know of a group at one moment: its status, its probes, the peer's view
/// of the same group (null: no peer channel), and its DRBD resources by fact name (null: none).</summary>
public sealed record AlertSnapshot(GroupStatus Status, IReadOnlyList<ProbeLine> Probes, PeerLine? Peer = null,
    ImmutableSortedDictionary<string, DrbdResourceState>? Drbd = null)
{
    public ImmutableSortedDictionary<string, DrbdResourceState> Resources => Drbd ?? ImmutableSortedDictionary<string, DrbdResourceState>.Empty;
}
