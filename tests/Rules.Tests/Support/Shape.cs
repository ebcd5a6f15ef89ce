using Failover.Rules.Language;

namespace Failover.Rules.Tests.Support;

/// <summary>A condition tree as a compact string, to assert how a text parsed: and(state==master, or(…)).</summary>
internal static class Shape
{
    public static string Of(Condition condition) => condition switch
    {
        Comparison c => $"{c.Fact.Name}{Op(c.Operator)}{c.Value.Word ?? c.Value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        FlagTest f => f.Fact.Name,
        Negation n => $"not({Of(n.Operand)})",
        Conjunction a => $"and({string.Join(", ", a.Operands.Select(Of))})",
        Disjunction o => $"or({string.Join(", ", o.Operands.Select(Of))})",
        _ => throw new ArgumentException(condition.GetType().Name),
    };

    private static string Op(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };
}
