using Failover.Monitors.Drbd;

namespace Failover.Daemon.Runtime;

/// <summary>The peer's DRBD as the peer channel carries it: null states while the channel is down.</summary>
/// <param name="States">By fact name (r0, minor0).</param>
/// <param name="LastPrimary">By fact name: the last time the peer was Primary, by its own clock.</param>
public sealed record PeerDrbdView(
    IReadOnlyDictionary<string, DrbdResourceState>? States,
    IReadOnlyDictionary<string, DateTimeOffset> LastPrimary)
{
    /// <summary>The peer is MASTER of the group now.</summary>
    public bool Master { get; init; }

    public static PeerDrbdView Unreachable { get; } = new(null, new Dictionary<string, DateTimeOffset>());
}
