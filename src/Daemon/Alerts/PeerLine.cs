namespace Failover.Daemon.Alerts;

/// <summary>The other node as an alert shows it: its name and its state in words (or that it is not heard), and,
/// while it is heard, its probes of the group (so an alert can say when a probe fails on both nodes).</summary>
public sealed record PeerLine(string Node, string State, IReadOnlyList<ProbeLine>? Probes = null);
