namespace Failover.Rules.Language;

/// <summary><c>FACT OP VALUE</c>: <c>probe.bind == down</c>, <c>since_transition &lt; 10m</c>.</summary>
public sealed record Comparison(string Text, FactDefinition Fact, ComparisonOperator Operator, Literal Value) : Condition(Text)
{
    internal override Truth Evaluate(FactContext context)
    {
        var reading = Fact.Read(context.Facts, context.Now);
        var value = !reading.Known ? Truth.Unknown : Holds(reading) ? Truth.True : Truth.False;
        context.Seen.Add(new ConditionExplanation(Text, value, reading.Shown, ChangesAt(reading, context.Now)));
        return value;
    }

    private bool Holds(FactReading reading)
    {
        if (Fact.Kind is FactKind.Elapsed or FactKind.Percent)
        {
            var order = reading.Number.CompareTo(Value.Number);
            return Operator switch
            {
                ComparisonOperator.Equal => order == 0,
                ComparisonOperator.NotEqual => order != 0,
                ComparisonOperator.Less => order < 0,
                ComparisonOperator.LessOrEqual => order <= 0,
                ComparisonOperator.Greater => order > 0,
                _ => order >= 0,
            };
        }
        var equal = reading.Word == Value.Word;
        return Operator == ComparisonOperator.Equal ? equal : !equal;
    }

    // Elapsed time grows by itself: the comparison flips when it reaches the written value (or just passes it).
    private DateTimeOffset? ChangesAt(FactReading reading, DateTimeOffset now)
    {
        if (reading.Origin is not { } origin || Fact.Kind != FactKind.Elapsed)
            return null;
        if (Value.Number >= (DateTimeOffset.MaxValue - origin).TotalMilliseconds - 1)
            return null;
        var reached = origin + TimeSpan.FromMilliseconds(Value.Number);
        var passed = reached + TimeSpan.FromTicks(1);
        DateTimeOffset?[] flips = Operator switch
        {
            ComparisonOperator.Less or ComparisonOperator.GreaterOrEqual => [reached],
            ComparisonOperator.Greater or ComparisonOperator.LessOrEqual => [passed],
            _ => [reached, passed],
        };
        return flips.Where(t => t > now).Min();
    }
}
