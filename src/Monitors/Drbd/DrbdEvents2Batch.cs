namespace Failover.Monitors.Drbd;

/// <summary>The events of a block of events2 output, and the lines that were not events.</summary>
public sealed record DrbdEvents2Batch(IReadOnlyList<DrbdEvent> Events, IReadOnlyList<DrbdParseProblem> Problems);
