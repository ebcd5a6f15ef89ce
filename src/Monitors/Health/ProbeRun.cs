namespace Failover.Monitors.Health;

/// <summary>One run of a probe, from its start until its probe returns (which may be long after its
/// deadline). Fields are guarded by the owning <see cref="ProbeRunner"/>'s lock.</summary>
internal sealed class ProbeRun(long startedAt, bool feedsPolicy)
{
    public long StartedAt { get; } = startedAt;

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The run's outcome: the probe's result or the deadline's failure, whichever came first.
    /// Awaiters continue asynchronously, never under the runner's lock.</summary>
    public TaskCompletionSource<ProbeResult> Outcome { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ITimer? Deadline { get; set; }

    /// <summary>A scheduled run, or a one-off run a tick adopted: its outcome goes into the health policy.</summary>
    public bool FeedsPolicy { get; set; } = feedsPolicy;

    /// <summary>The deadline passed before the probe returned.</summary>
    public bool Abandoned { get; set; }
}
