using System.Globalization;

namespace Failover.Rules.Language;

/// <summary>Elapsed time as people read it: 850ms, 12s, 3m12s, 1h37m, 2d3h (two units at most).</summary>
public static class Elapsed
{
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
            return "-" + Format(value.Duration());
        if (value < TimeSpan.FromSeconds(1))
            return ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        var (days, hours, minutes, seconds) = (value.Days, value.Hours, value.Minutes, value.Seconds);
        return days > 0 ? Two(days, "d", hours, "h")
            : hours > 0 ? Two(hours, "h", minutes, "m")
            : minutes > 0 ? Two(minutes, "m", seconds, "s")
            : $"{seconds}s";
    }

    private static string Two(int big, string bigUnit, int small, string smallUnit) =>
        small == 0 ? $"{big}{bigUnit}" : $"{big}{bigUnit}{small}{smallUnit}";
}
