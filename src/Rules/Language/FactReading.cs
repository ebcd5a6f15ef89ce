namespace Failover.Rules.Language;

/// <summary>A fact's value at one evaluation, and how explanations show it ("bind is UP: answer 192.0.2.80 in 1 ms").</summary>
/// <param name="Known">False when the value is not known: comparisons with it are <see cref="Truth.Unknown"/>.</param>
/// <param name="Word">Choice and address facts: the value, lower case. Flags: "true" or "false".</param>
/// <param name="Number">Elapsed facts: milliseconds (infinite when it never happened). Percent facts: the percentage.</param>
/// <param name="Origin">Elapsed facts: the moment counted from, so the engine knows when a threshold will be crossed.</param>
internal sealed record FactReading(string Shown, bool Known, string? Word = null, double Number = 0, DateTimeOffset? Origin = null)
{
    public static FactReading Unknown(string shown) => new(shown, false);

    public static FactReading Of(string word, string shown) => new(shown, true, word.ToLowerInvariant());

    public static FactReading Of(bool flag, string shown) => new(shown, true, flag ? "true" : "false");

    public static FactReading Of(double number, string shown) => new(shown, true, Number: number);

    public static FactReading Since(DateTimeOffset? origin, DateTimeOffset now, string shown) =>
        new(shown, true, Number: origin is { } at ? (now - at).TotalMilliseconds : double.PositiveInfinity, Origin: origin);

    public bool Flag => Word == "true";
}
