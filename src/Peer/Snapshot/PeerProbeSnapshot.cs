namespace Failover.Peer.Snapshot;

/// <param name="Health">"Unknown", "Up", "Down".</param>
public sealed record PeerProbeSnapshot(string Name, string Kind, string Health, string? Reason = null);
