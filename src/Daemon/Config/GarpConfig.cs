namespace Failover.Daemon.Config;

/// <summary>
/// Gratuitous ARPs sent at takeover: <see cref="Count"/> of them <see cref="Interval"/> apart, and the
/// same burst again after <see cref="RepeatAfter"/> (zero: no repeat) for switches that missed the first.
/// </summary>
public sealed record GarpConfig(int Count, TimeSpan Interval, TimeSpan RepeatAfter)
{
    // keepalived's defaults: 5 at takeover, 5 more after 5 s.
    public static GarpConfig Default { get; } = new(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
}
