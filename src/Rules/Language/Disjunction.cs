namespace Failover.Rules.Language;

/// <summary><c>A or B or …</c>: True if any is True, else Unknown if any is Unknown. Every operand is evaluated.</summary>
public sealed record Disjunction(string Text, IReadOnlyList<Condition> Operands) : Condition(Text)
{
    internal override Truth Evaluate(FactContext context)
    {
        var values = Operands.Select(o => o.Evaluate(context)).ToList();
        return values.Contains(Truth.True) ? Truth.True : values.Contains(Truth.Unknown) ? Truth.Unknown : Truth.False;
    }
}
