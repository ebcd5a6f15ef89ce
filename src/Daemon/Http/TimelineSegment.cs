namespace Failover.Daemon.Http;

/// <summary>One period of one CARP state; <paramref name="Reason"/> is why the group entered it (null: before the window's first change).</summary>
public sealed record TimelineSegment(DateTimeOffset Start, DateTimeOffset End, string State, string? Reason);
