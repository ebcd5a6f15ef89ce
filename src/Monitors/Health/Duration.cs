using System.Globalization;

namespace Failover.Monitors.Health;

/// <summary>Durations as reasons print them: "2 s", "1.5 s", "250 ms".</summary>
internal static class Duration
{
    public static string Format(TimeSpan value) =>
        value >= TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(value.TotalSeconds, 1)} s")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(value.TotalMilliseconds)} ms");
}
