namespace Failover.Rules.Language;

/// <summary>A value written in a condition, already checked against its fact's kind.</summary>
/// <param name="Text">As written.</param>
/// <param name="Word">Choice and address facts: the canonical value, lower case.</param>
/// <param name="Number">Elapsed facts: milliseconds. Percent facts: the percentage.</param>
public sealed record Literal(string Text, string? Word, double Number);
