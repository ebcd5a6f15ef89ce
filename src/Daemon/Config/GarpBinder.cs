namespace Failover.Daemon.Config;

/// <summary>Binds a group's optional <c>garp:</c> mapping; absent keys keep keepalived-like defaults.</summary>
internal static class GarpBinder
{
    private static readonly string[] Keys = ["count", "interval", "repeat_after"];

    public static GarpConfig Bind(ConfigNode? node, ValueReader read)
    {
        var defaults = GarpConfig.Default;
        if (node is null)
            return defaults;
        var map = KeyedMapping.Open(node, "in garp", Keys,
            "garp must be a mapping, e.g. garp: { count: 5, interval: 200ms, repeat_after: 5s }", read.Errors);
        if (map is null)
            return defaults;

        var count = map.Optional("count") is { } c
            ? read.Integer(c, 0, 100, "garp count must be an integer from 0 to 100")
            : defaults.Count;
        var interval = map.Optional("interval") is { } i
            ? read.Duration(i, "garp interval", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1))
            : defaults.Interval;
        var repeatAfter = map.Optional("repeat_after") is { } r
            ? read.Duration(r, "garp repeat_after", TimeSpan.Zero, TimeSpan.FromHours(1), " (0s: no repeat)")
            : defaults.RepeatAfter;
        return new GarpConfig(count ?? defaults.Count, interval ?? defaults.Interval, repeatAfter ?? defaults.RepeatAfter);
    }
}
