namespace Failover.Rules.Language;

/// <summary>What <see cref="ConditionParser.Parse"/> found: a condition, or every error (in text order).</summary>
public sealed record ConditionParseResult(Condition? Condition, IReadOnlyList<ConditionError> Errors)
{
    public bool Ok => Condition is not null && Errors.Count == 0;
}
