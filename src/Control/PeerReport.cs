namespace Failover.Control;

/// <summary>The other node of the pair as the peer channel last heard it.</summary>
/// <param name="Address">Where this node connects to it (address:port).</param>
/// <param name="Since">When <paramref name="Reachable"/> last changed.</param>
/// <param name="LastHeard">The last valid snapshot; null: never heard.</param>
/// <param name="Version">Its failoverd version; null: never heard.</param>
/// <param name="Groups">As last heard (stale while unreachable).</param>
/// <param name="Rejects">Refused frames and handshakes by reason (BadMac, Replay, StaleTime, …).</param>
public sealed record PeerReport(
    string Node,
    string Address,
    bool Reachable,
    DateTimeOffset Since,
    DateTimeOffset? LastHeard,
    string? Version,
    IReadOnlyList<PeerGroupReport> Groups,
    IReadOnlyDictionary<string, long> Rejects);

/// <summary>One group on the peer: its CARP state (MASTER, BACKUP, INIT), link and probes.</summary>
/// <param name="Standby">The peer is in standby (failoverctl standby on there).</param>
/// <param name="Maintenance">The peer's group is frozen (failoverctl maintenance on there).</param>
public sealed record PeerGroupReport(string Name, string State, string Link, IReadOnlyList<PeerProbeReport> Probes,
    bool Standby = false, bool Maintenance = false);

/// <summary>One probe on the peer: its settled health (UP, DOWN, UNKNOWN) and last reason.</summary>
public sealed record PeerProbeReport(string Name, string Kind, string Health, string? Reason);
