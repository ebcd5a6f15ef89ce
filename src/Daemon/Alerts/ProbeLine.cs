namespace Failover.Daemon.Alerts;

/// <summary>A probe as an alert shows it: its settled health (UP, DOWN, UNKNOWN) and the last result's reason.</summary>
/// <param name="MeasuredBy">The peer that ran this probe of this node (its <c>for: peer</c> monitor); null: this node did.</param>
/// <param name="About">The peer this node's <c>for: peer</c> monitor measures; null: the probe is about this node.</param>
public sealed record ProbeLine(string Name, string Kind, string Health, string? Reason, string? MeasuredBy = null, string? About = null)
{
    /// <summary>"probe NAME (KIND) HEALTH", saying whose health it is when it is not simply this node's own measurement.</summary>
    public string Title => $"probe {Name} ({Kind}){(About is { } of ? $" of peer {of}" : "")} {Health}{(MeasuredBy is { } by ? $" (measured by {by})" : "")}";
}
