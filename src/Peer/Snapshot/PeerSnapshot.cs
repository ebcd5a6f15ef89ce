namespace Failover.Peer.Snapshot;

/// <summary>
/// What one node tells its peer about itself. Values are the words the daemon prints (CarpState, ServiceHealth,
/// DRBD state names as strings), so a peer reads them without sharing the enums' versions.
/// </summary>
public sealed record PeerSnapshot
{
    public required string Node { get; init; }

    /// <summary>failoverd's version, e.g. "0.1.0".</summary>
    public required string Version { get; init; }

    public IReadOnlyList<PeerGroupSnapshot> Groups { get; init; } = [];
}
