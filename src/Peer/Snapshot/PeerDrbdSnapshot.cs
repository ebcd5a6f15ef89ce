namespace Failover.Peer.Snapshot;

/// <summary>One DRBD resource by its fact name, with DRBD's own state words.</summary>
/// <param name="LastPrimary">The last time the sender was Primary of it (its own clock, persisted); null: never recorded
/// or an older sender. Split-brain recovery under last_primary compares it with this node's.</param>
public sealed record PeerDrbdSnapshot(
    string Name,
    string ConnectionState,
    string LocalRole,
    string PeerRole,
    string LocalDisk,
    string PeerDisk,
    bool SplitBrain = false,
    double? SyncPercent = null,
    DateTimeOffset? LastPrimary = null);
