using Failover.Peer.Snapshot;

namespace Failover.Peer.Transport;

/// <summary>What this node knows of its peer: a fact like any other, including "unreachable".</summary>
/// <param name="Reachable">A valid snapshot arrived within the silence window.</param>
/// <param name="Snapshot">The last valid snapshot, kept (stale) while unreachable; null: never heard.</param>
/// <param name="LastHeard">When the last valid snapshot arrived; null: never.</param>
/// <param name="Since">When <paramref name="Reachable"/> last changed (the link's start at first).</param>
public sealed record PeerView(bool Reachable, PeerSnapshot? Snapshot, DateTimeOffset? LastHeard, DateTimeOffset Since);
