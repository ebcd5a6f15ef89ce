using System.Globalization;

namespace Failover.Ctl.Events;

/// <summary>
/// The TIME of `failoverctl events --since TIME`: ISO-8601 ("2026-11-21T14:05", local time without an offset),
/// "HH:MM[:SS]" (today, local), or a span back from now ("90s", "10m", "2h", "1d").
/// </summary>
public static class EventTime
{
    public const string Forms = "an ISO-8601 time (2026-11-21T14:05), HH:MM (today), or a span back from now (30s, 10m, 2h, 1d)";

    public static DateTimeOffset? Parse(string text, DateTimeOffset now, TimeZoneInfo local)
    {
        text = text.Trim();
        if (Span(text) is { } span)
            return now - span;
        if (TimeOfDay(text) is { } time)
        {
            var today = TimeZoneInfo.ConvertTime(now, local).Date;
            var at = today + time;
            return new DateTimeOffset(at, local.GetUtcOffset(at));
        }
        if (text.Length < 10 || !char.IsAsciiDigit(text[0]))
            return null;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return null;
        if (parsed.Kind == DateTimeKind.Unspecified)
            return new DateTimeOffset(parsed, local.GetUtcOffset(parsed));
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset)
            ? withOffset : null;
    }

    private static TimeSpan? Span(string text)
    {
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return null;
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => null,
        };
    }

    private static TimeSpan? TimeOfDay(string text) =>
        TimeSpan.TryParseExact(text, [@"h\:mm", @"hh\:mm", @"h\:mm\:ss", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var time)
            && time < TimeSpan.FromDays(1) ? time : null;
}
