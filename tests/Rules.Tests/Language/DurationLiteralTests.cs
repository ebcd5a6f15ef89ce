using Failover.Rules.Language;
using Xunit;

namespace Failover.Rules.Tests.Language;

public sealed class DurationLiteralTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("0ms", 0)]
    [InlineData("0s", 0)]
    [InlineData("5s", 5_000)]
    [InlineData("60s", 60_000)]
    [InlineData("2m", 120_000)]
    [InlineData("4h", 14_400_000)]
    [InlineData("007s", 7_000)]
    [InlineData("1500ms", 1_500)]
    public void Parses_integer_and_unit(string text, long milliseconds)
    {
        Assert.True(DurationLiteral.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("ms")]
    [InlineData("5 s")]
    [InlineData(" 5s")]
    [InlineData("5s ")]
    [InlineData("-5s")]
    [InlineData("+5s")]
    [InlineData("1.5s")]
    [InlineData("5S")]
    [InlineData("5sec")]
    [InlineData("5us")]
    [InlineData("1d")]
    [InlineData("1h30m")]
    [InlineData("00:00:05")]
    [InlineData("9999999999999999999h")] // more digits than a long holds
    [InlineData("999999999999999h")] // fits a long, not a TimeSpan
    public void Refuses_anything_else(string text) => Assert.False(DurationLiteral.TryParse(text, out _));

    [Fact]
    public void Largest_value_that_fits_a_TimeSpan_parses()
    {
        var maxMs = TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond;
        Assert.True(DurationLiteral.TryParse($"{maxMs}ms", out var value));
        Assert.Equal(maxMs, value.Ticks / TimeSpan.TicksPerMillisecond);
        Assert.False(DurationLiteral.TryParse($"{maxMs + 1}ms", out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "1ms")]
    [InlineData(200, "200ms")]
    [InlineData(1_500, "1500ms")]
    [InlineData(5_000, "5s")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    [InlineData(5_400_000, "90m")]
    [InlineData(14_400_000, "4h")]
    [InlineData(-5_000, "-5s")]
    public void Formats_in_the_largest_exact_unit(long milliseconds, string expected)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(expected, DurationLiteral.Format(value));
        if (milliseconds >= 0)
        {
            Assert.True(DurationLiteral.TryParse(expected, out var back));
            Assert.Equal(value, back);
        }
    }

    [Fact]
    public void Formats_sub_millisecond_values_rounded()
    {
        Assert.Equal("1004ms", DurationLiteral.Format(new Failover.Carp.CarpTiming(1, 1).Interval)); // 1.00390625 s
        Assert.Equal("1ms", DurationLiteral.Format(TimeSpan.FromTicks(5_000)));
        Assert.Equal("0s", DurationLiteral.Format(TimeSpan.FromTicks(4_999)));
    }
}
