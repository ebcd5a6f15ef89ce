namespace Failover.Rules.Language;

/// <summary>A parsed <c>when:</c> condition (a tree of <see cref="Comparison"/>, <see cref="FlagTest"/>,
/// <see cref="Negation"/>, <see cref="Conjunction"/>, <see cref="Disjunction"/>).</summary>
/// <param name="Text">This part of the condition as written.</param>
public abstract record Condition(string Text)
{
    /// <summary>Evaluates with Kleene logic, adding every comparison it looks at to the context, in text order.</summary>
    internal abstract Truth Evaluate(FactContext context);

    public sealed override string ToString() => Text;
}
