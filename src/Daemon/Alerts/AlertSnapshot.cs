using Failover.Daemon.Runtime;

namespace Failover.Daemon.Alerts;

/// <summary>What an alert needs to know of a group at one moment: its status, its probes, and the peer's view
/// of the same group (null: no peer channel).</summary>
public sealed record AlertSnapshot(GroupStatus Status, IReadOnlyList<ProbeLine> Probes, PeerLine? Peer = null);
