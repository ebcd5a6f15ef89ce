namespace Failover.Monitors.Health;

/// <summary>
/// Runs one probe on a schedule and keeps its health: a run every interval (the first at once), at most
/// one run in flight, a hard deadline on every run, results fed into a <see cref="HealthPolicy"/>.
/// </summary>
/// <remarks>
/// <para>A run that misses its deadline counts as failed ("no answer within 2 s"), its cancellation token
/// is cancelled, and it is abandoned: nothing ever waits on it. Until its probe does return, the run
/// stays in flight as stuck, and every tick counts one more failure instead of starting a second run
/// against a server that already holds one (a hung LDAP bind must not pile up threads). A tick that finds
/// a run still within its deadline (timeout longer than interval) is skipped and reported.</para>
/// <para><see cref="RunOnceAsync"/> (for <c>failoverctl probe NAME</c>) shares the single run slot: it
/// joins the run in flight if there is one, else starts a run whose result is returned but not counted,
/// so poking a probe by hand never moves its health. A tick that comes while such a run is in flight
/// adopts it, and its result is counted as the tick's.</para>
/// <para><see cref="RunNow"/> (called when an <see cref="IWatchingProbe"/> saw a change) starts a counted run
/// at once; if the slot is taken, one more counted run follows the run in flight, which may have read the
/// state before the change.</para>
/// <para>Thread-safe. Events are raised under the runner's lock, in order, on the thread of the timer or
/// of the probe's completion: handlers must be quick and must not block or call back into the runner
/// synchronously from another thread.</para>
/// </remarks>
public sealed class ProbeRunner : IDisposable
{
    private readonly Lock _lock = new();
    private readonly IProbe _probe;
    private readonly ProbeSchedule _schedule;
    private readonly HealthPolicy _policy;
    private readonly TimeProvider _time;
    private ITimer? _tick;
    private ProbeRun? _run;
    private HealthStatus _status;
    private ProbeResult? _lastResult;
    private DateTimeOffset? _lastResultAt;
    private HealthTransition? _lastTransition;
    private DateTimeOffset? _lastTransitionAt;
    private long _skippedTicks;
    private bool _runAgain;
    private bool _disposed;

    public ProbeRunner(IProbe probe, ProbeSchedule schedule, HealthPolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        _probe = probe;
        _schedule = schedule;
        _policy = policy;
        _time = time;
        _status = policy.Start;
    }

    /// <summary>Every result fed into the health policy, including deadline and stuck failures.</summary>
    public event EventHandler<ProbeResult>? ResultRecorded;

    /// <summary>A change of settled health.</summary>
    public event EventHandler<HealthTransition>? Transitioned;

    /// <summary>A tick that started nothing because a run was still within its deadline; the argument says why.</summary>
    public event EventHandler<string>? TickSkipped;

    public string Name => _probe.Name;

    public ProbeStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new ProbeStatus(Name, _status.Health, _status.ConsecutiveSuccesses,
                    _status.ConsecutiveFailures, _lastResult, _lastResultAt, _lastTransition, _lastTransitionAt,
                    _run is not null, _run?.Abandoned ?? false, _skippedTicks);
            }
        }
    }

    /// <summary>Starts the schedule: the first run at once (at the next timer turn), then every interval.</summary>
    public void Start()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_tick is not null)
            {
                throw new InvalidOperationException($"probe {Name} is already running");
            }
            _tick = _time.CreateTimer(static self => ((ProbeRunner)self!).OnTick(), this,
                TimeSpan.Zero, _schedule.Interval);
        }
        if (_probe is IWatchingProbe watching)
        {
            watching.ChangeSeen += OnChangeSeen;
        }
    }

    /// <summary>A counted run at once, outside the schedule: starts one if the run slot is free, else queues one
    /// more to follow the run in flight. Ignored before <see cref="Start"/>, after <see cref="Dispose"/> and while
    /// a stuck run holds the slot (the ticks report that).</summary>
    public void RunNow()
    {
        ProbeRun run;
        lock (_lock)
        {
            if (_disposed || _tick is null || _run is { Abandoned: true })
            {
                return;
            }
            if (_run is not null)
            {
                _runAgain = true;
                return;
            }
            run = Begin(feedsPolicy: true);
        }
        Launch(run);
    }

    /// <summary>One run outside the schedule, under the same deadline; its result is not counted unless a
    /// tick adopts the run. Joins the run in flight instead of starting a second one.</summary>
    public Task<ProbeResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        ProbeRun run;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_run is { Abandoned: true } stuck)
            {
                return Task.FromResult(StuckResult(stuck));
            }
            if (_run is { } inFlight)
            {
                return inFlight.Outcome.Task.WaitAsync(cancellationToken);
            }
            run = Begin(feedsPolicy: false);
        }
        Launch(run);
        return run.Outcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the schedule and cancels the run in flight; waiters of <see cref="RunOnceAsync"/>
    /// see their task cancelled.</summary>
    public void Dispose()
    {
        ProbeRun? run;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _tick?.Dispose();
            if (_probe is IWatchingProbe watching)
            {
                watching.ChangeSeen -= OnChangeSeen;
            }
            run = _run;
            run?.Deadline?.Dispose();
            run?.Outcome.TrySetCanceled();
        }
        CancelQuietly(run);
    }

    private void OnChangeSeen(object? sender, EventArgs e) => RunNow();

    private void OnTick()
    {
        ProbeRun run;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            switch (_run)
            {
                case { Abandoned: true } stuck:
                    Record(StuckResult(stuck));
                    return;
                case { FeedsPolicy: false } oneOff:
                    oneOff.FeedsPolicy = true;
                    return;
                case { } inFlight:
                    _skippedTicks++;
                    TickSkipped?.Invoke(this,
                        $"previous run still in flight after {Duration.Format(Elapsed(inFlight))}; tick skipped");
                    return;
            }
            run = Begin(feedsPolicy: true);
        }
        Launch(run);
    }

    /// <summary>Takes the run slot and arms the deadline. Under the lock.</summary>
    private ProbeRun Begin(bool feedsPolicy)
    {
        var run = new ProbeRun(_time.GetTimestamp(), feedsPolicy);
        _run = run;
        run.Deadline = _time.CreateTimer(static state =>
        {
            var (self, r) = ((ProbeRunner, ProbeRun))state!;
            self.OnDeadline(r);
        }, (this, run), _schedule.Timeout, Timeout.InfiniteTimeSpan);
        return run;
    }

    /// <summary>Calls the probe outside the lock; its completion comes back through <see cref="OnReturned"/>.</summary>
    private void Launch(ProbeRun run)
    {
        Task<ProbeResult> task;
        try
        {
            task = _probe.RunAsync(run.Cancellation.Token)
                ?? Task.FromException<ProbeResult>(new InvalidOperationException("probe returned no task"));
        }
        catch (Exception e)
        {
            task = Task.FromException<ProbeResult>(e);
        }
        task.ContinueWith(static (t, state) =>
        {
            var (self, r) = ((ProbeRunner, ProbeRun))state!;
            self.OnReturned(r, t);
        }, (this, run), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnDeadline(ProbeRun run)
    {
        lock (_lock)
        {
            if (_disposed || _run != run || run.Outcome.Task.IsCompleted)
            {
                return;
            }
            run.Abandoned = true;
            Conclude(run, ProbeResult.Down($"no answer within {Duration.Format(_schedule.Timeout)}", _schedule.Timeout));
        }
        CancelQuietly(run);
    }

    private void OnReturned(ProbeRun run, Task<ProbeResult> task)
    {
        ProbeRun? next = null;
        lock (_lock)
        {
            run.Deadline?.Dispose();
            if (_run == run)
            {
                _run = null;
            }
            if (!_disposed && !run.Outcome.Task.IsCompleted)
            {
                Conclude(run, Outcome(task, Elapsed(run)));
            }
            if (_runAgain && !_disposed && _run is null)
            {
                _runAgain = false;
                next = Begin(feedsPolicy: true);
            }
        }
        run.Cancellation.Dispose();
        if (next is not null)
        {
            Launch(next);
        }
    }

    /// <summary>Under the lock.</summary>
    private void Conclude(ProbeRun run, ProbeResult result)
    {
        if (run.FeedsPolicy)
        {
            Record(result);
        }
        run.Outcome.TrySetResult(result);
    }

    /// <summary>Feeds one result into the policy. Under the lock.</summary>
    private void Record(ProbeResult result)
    {
        var now = _time.GetUtcNow();
        var step = _policy.Apply(_status, result);
        _status = step.Status;
        _lastResult = result;
        _lastResultAt = now;
        if (step.Transition is { } transition)
        {
            _lastTransition = transition;
            _lastTransitionAt = now;
        }
        ResultRecorded?.Invoke(this, result);
        if (step.Transition is { } changed)
        {
            Transitioned?.Invoke(this, changed);
        }
    }

    private ProbeResult StuckResult(ProbeRun stuck)
    {
        var elapsed = Elapsed(stuck);
        return ProbeResult.Down(
            $"previous run still hung after {Duration.Format(elapsed)} (abandoned at the " +
            $"{Duration.Format(_schedule.Timeout)} deadline); not starting another", elapsed);
    }

    private static ProbeResult Outcome(Task<ProbeResult> task, TimeSpan elapsed) => task.Status switch
    {
        TaskStatus.RanToCompletion when task.Result is { } result => result,
        TaskStatus.RanToCompletion => ProbeResult.Down("probe returned no result", elapsed),
        TaskStatus.Canceled => ProbeResult.Down("probe cancelled", elapsed),
        _ => ProbeResult.Down(Describe(task.Exception!.InnerException ?? task.Exception), elapsed),
    };

    private static string Describe(Exception e) => $"probe failed: {e.GetType().Name}: {e.Message}";

    private TimeSpan Elapsed(ProbeRun run) => _time.GetElapsedTime(run.StartedAt);

    private static void CancelQuietly(ProbeRun? run)
    {
        try
        {
            run?.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The probe returned meanwhile and its token source is gone: nothing left to cancel.
        }
        catch (AggregateException)
        {
            // A probe's cancellation callback threw; the run is abandoned either way.
        }
    }
}
