using Failover.Daemon.Runtime;

namespace Failover.Daemon.Alerts;

/// <summary>What an alert needs to know of a group at one moment: its status and its probes.</summary>
public sealed record AlertSnapshot(GroupStatus Status, IReadOnlyList<ProbeLine> Probes);
