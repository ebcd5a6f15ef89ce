namespace Failover.Rules.Language;

/// <summary><c>A and B and …</c>: False if any is False, else Unknown if any is Unknown. Every operand is evaluated, so
/// explanations show every fact the condition names.</summary>
public sealed record Conjunction(string Text, IReadOnlyList<Condition> Operands) : Condition(Text)
{
    internal override Truth Evaluate(FactContext context)
    {
        var values = Operands.Select(o => o.Evaluate(context)).ToList();
        return values.Contains(Truth.False) ? Truth.False : values.Contains(Truth.Unknown) ? Truth.Unknown : Truth.True;
    }
}
