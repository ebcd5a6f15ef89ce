namespace Failover.Rules.Language;

/// <summary>A flag fact written bare: <c>drbd.r0.split_brain</c>, <c>maintenance</c>.</summary>
public sealed record FlagTest(string Text, FactDefinition Fact) : Condition(Text)
{
    internal override Truth Evaluate(FactContext context)
    {
        var reading = Fact.Read(context.Facts, context.Now);
        var value = !reading.Known ? Truth.Unknown : reading.Flag ? Truth.True : Truth.False;
        context.Seen.Add(new ConditionExplanation(Text, value, reading.Shown));
        return value;
    }
}
