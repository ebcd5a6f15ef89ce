namespace Failover.Rules.Language;

/// <summary>
/// Durations as written in failover.yaml: a non-negative integer and a unit, <c>500ms</c>, <c>5s</c>,
/// <c>2m</c>, <c>4h</c>. No fractions, signs, spaces or compound forms, so a value reads one way only.
/// </summary>
public static class DurationLiteral
{
    public const string Syntax = "an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h)";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            digits++;
        if (digits is 0 or > 18) // 18 digits always fit in a long
            return false;

        long millisecondsPerUnit = text[digits..] switch
        {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => 0,
        };
        if (millisecondsPerUnit == 0)
            return false;

        var count = long.Parse(text.AsSpan(0, digits), System.Globalization.CultureInfo.InvariantCulture);
        if (count > TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond / millisecondsPerUnit)
            return false;
        value = TimeSpan.FromTicks(count * millisecondsPerUnit * TimeSpan.TicksPerMillisecond);
        return true;
    }

    /// <summary>
    /// The shortest form <see cref="TryParse"/> reads back to the same value (90s → "90s", 2h → "2h").
    /// Sub-millisecond parts are rounded to the nearest millisecond; negative values get a leading '-'.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
            return "-" + Format(value.Duration());

        var ms = value.Ticks / TimeSpan.TicksPerMillisecond;
        if (value.Ticks % TimeSpan.TicksPerMillisecond * 2 >= TimeSpan.TicksPerMillisecond)
            ms++;
        return ms switch
        {
            0 => "0s",
            _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
            _ when ms % 60_000 == 0 => $"{ms / 60_000}m",
            _ when ms % 1_000 == 0 => $"{ms / 1_000}s",
            _ => $"{ms}ms",
        };
    }
}
