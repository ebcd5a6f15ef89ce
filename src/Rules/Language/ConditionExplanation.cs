namespace Failover.Rules.Language;

/// <summary>One comparison of a condition as an evaluation found it:
/// "probe.bind == down: false (bind is UP: answer 192.0.2.80 in 1 ms)".</summary>
/// <param name="Text">The comparison as written.</param>
/// <param name="Shown">The fact's value as an admin reads it.</param>
/// <param name="ChangesAt">For a comparison over elapsed time: when, facts unchanged, its value will flip.</param>
public sealed record ConditionExplanation(string Text, Truth Value, string Shown, DateTimeOffset? ChangesAt = null)
{
    public override string ToString() => $"{Text}: {Value.ToString().ToLowerInvariant()} ({Shown})";
}
