namespace Failover.Monitors.Health;

/// <summary>
/// A probe that watches its source between runs (a streamed event feed, a kernel log) and can tell when it saw a
/// change that a run would judge differently. <see cref="ProbeRunner"/> then runs it at once (<see
/// cref="ProbeRunner.RunNow"/>) instead of at the next tick; the run still counts as one rise/fall step.
/// </summary>
public interface IWatchingProbe : IProbe
{
    /// <summary>Raised on the probe's reader thread, never under the runner's lock; handlers must be quick.</summary>
    event EventHandler? ChangeSeen;
}
