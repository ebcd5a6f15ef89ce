namespace Failover.Control;

/// <summary>One event of the daemon's journal, as `failoverctl events` gets it (the journal's line, see docs/events.md).</summary>
public sealed record EventReport(long Seq, DateTimeOffset At, string Kind, string? Group, string Text,
    IReadOnlyDictionary<string, string> Fields);
