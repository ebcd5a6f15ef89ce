using Failover.Ctl.Events;

namespace Failover.Ctl.Tests.Events;

public sealed class EventTimeTests
{
    // 14:30 UTC is 15:30 in Berlin (CET, +01:00) on this November day.
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 14, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET");

    [Theory]
    [InlineData("10m", "2026-11-21T14:20:00Z")]
    [InlineData("90s", "2026-11-21T14:28:30Z")]
    [InlineData("2h", "2026-11-21T12:30:00Z")]
    [InlineData("1d", "2026-11-20T14:30:00Z")]
    [InlineData("09:15", "2026-11-21T08:15:00Z")]
    [InlineData("9:15", "2026-11-21T08:15:00Z")]
    [InlineData("23:59:30", "2026-11-21T22:59:30Z")]
    [InlineData("2026-11-20T10:00", "2026-11-20T09:00:00Z")]
    [InlineData("2026-11-20 10:00:05", "2026-11-20T09:00:05Z")]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z")]
    [InlineData("2026-11-20T10:00:00.250+02:00", "2026-11-20T08:00:00.250Z")]
    [InlineData("2026-11-20", "2026-11-19T23:00:00Z")]
    public void Reads_spans_times_of_today_and_iso_times_local_unless_they_say_otherwise(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), EventTime.Parse(text, Now, Berlin));
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("10")]
    [InlineData("10w")]
    [InlineData("-5m")]
    [InlineData("25:00")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    public void Refuses_anything_else(string text)
    {
        Assert.Null(EventTime.Parse(text, Now, Berlin));
    }
}
