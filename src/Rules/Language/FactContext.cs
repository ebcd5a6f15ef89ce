using Failover.Rules.Facts;

namespace Failover.Rules.Language;

/// <summary>What a condition is evaluated against, and where its comparisons report what they saw.</summary>
internal sealed record FactContext(GroupFacts Facts, DateTimeOffset Now, List<ConditionExplanation> Seen);
