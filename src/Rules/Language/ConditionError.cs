namespace Failover.Rules.Language;

/// <summary>A problem in a condition, at a 0-based character offset into its text (the config binder turns it into a
/// file position).</summary>
/// <param name="Length">How many characters the problem covers (at least 1, except at the end of the text).</param>
public sealed record ConditionError(int Offset, int Length, string Message)
{
    public override string ToString() => $"column {Offset + 1}: {Message}";
}
