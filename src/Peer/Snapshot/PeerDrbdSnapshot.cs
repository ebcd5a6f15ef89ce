namespace Failover.Peer.Snapshot;

/// <summary>One DRBD resource by its fact name, with DRBD's own state words.</summary>
public sealed record PeerDrbdSnapshot(
    string Name,
    string ConnectionState,
    string LocalRole,
    string PeerRole,
    string LocalDisk,
    string PeerDisk,
    bool SplitBrain = false,
    double? SyncPercent = null);
