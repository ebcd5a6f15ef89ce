namespace Failover.Daemon.Alerts;

/// <summary>A probe as an alert shows it: its settled health (UP, DOWN, UNKNOWN) and the last result's reason.</summary>
public sealed record ProbeLine(string Name, string Kind, string Health, string? Reason);
