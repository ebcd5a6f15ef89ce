using System.Globalization;

namespace Failover.Rules.Language;

/// <summary>Durations as failover.yaml writes them: an integer and a unit, <c>500ms</c>, <c>30s</c>, <c>10m</c>,
/// <c>4h</c>.</summary>
public static class DurationLiteral
{
    public const string Syntax = "an integer and a unit ms, s, m or h (e.g. 30s, 10m, 4h)";

    // A thousand years: longer than anything worth waiting for, short enough that any date plus it is a date.
    private const long MaxMilliseconds = 1000L * 366 * 24 * 3_600_000;

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            digits++;
        if (digits is 0 or > 12)
            return false;
        long unit = text[digits..] switch
        {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => 0,
        };
        if (unit == 0)
            return false;
        var count = long.Parse(text.AsSpan(0, digits), CultureInfo.InvariantCulture);
        if (count > MaxMilliseconds / unit)
            return false;
        value = TimeSpan.FromMilliseconds(count * unit);
        return true;
    }

    /// <summary>The exact form that reads back to the same value: 4h, 90s, 1500ms.</summary>
    public static string Format(TimeSpan value)
    {
        var ms = (long)Math.Round(value.TotalMilliseconds);
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
