namespace Failover.Monitors.Health;

/// <summary>How often a probe runs and how long one run may take before it counts as failed.</summary>
/// <remarks>A timeout longer than the interval is allowed: ticks that come while a run is still within
/// its deadline are skipped (at most one run in flight).</remarks>
public sealed record ProbeSchedule
{
    public ProbeSchedule(TimeSpan interval, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Interval = interval;
        Timeout = timeout;
    }

    public TimeSpan Interval { get; }

    /// <summary>The hard outer deadline of every run, whether or not the probe honours cancellation.</summary>
    public TimeSpan Timeout { get; }
}
