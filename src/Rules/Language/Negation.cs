namespace Failover.Rules.Language;

/// <summary><c>not X</c>: Unknown stays Unknown.</summary>
public sealed record Negation(string Text, Condition Operand) : Condition(Text)
{
    internal override Truth Evaluate(FactContext context) => Operand.Evaluate(context) switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };
}
