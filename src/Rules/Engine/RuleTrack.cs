namespace Failover.Rules.Engine;

/// <summary>What the engine remembers of one rule whose condition holds.</summary>
/// <param name="HoldingSince">The first evaluation in a row that found the condition true (for <c>for:</c>).</param>
/// <param name="FiredAt">When the rule last handed out its decisions in this run of holding; null: not yet (pending).</param>
public sealed record RuleTrack(DateTimeOffset HoldingSince, DateTimeOffset? FiredAt);
