namespace Failover.Carp.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when a test calls <see cref="Advance"/>.
/// Timers fire inside <see cref="Advance"/>, in due-time order (ties in the order they were armed), with
/// the clock set to each timer's due time while its callback runs, so a callback reading the time sees
/// exactly when it was due. A timer armed with due time zero (or already due) fires at the next
/// <see cref="Advance"/>, even <c>Advance(TimeSpan.Zero)</c>, never synchronously inside
/// <c>CreateTimer</c>/<c>Change</c>. Callbacks run on the thread calling <see cref="Advance"/>, outside
/// the provider's lock, and may arm, change or dispose timers; their exceptions escape from Advance.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _startUtc;
    private TimeSpan _elapsed;
    private long _sequence;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualTimeProvider(DateTimeOffset startUtc) => _startUtc = startUtc;

    /// <summary>Time advanced since construction; what <see cref="GetTimestamp"/> measures.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_lock)
            {
                return _elapsed;
            }
        }
    }

    /// <summary>Timers that are armed and not disposed.</summary>
    public int ArmedTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>One timestamp tick is one <see cref="TimeSpan"/> tick.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Elapsed.Ticks;

    public override DateTimeOffset GetUtcNow() => _startUtc + Elapsed;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="by"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        TimeSpan target;
        lock (_lock)
        {
            target = _elapsed + by;
        }

        while (TakeNextDue(target) is { } due)
        {
            due.Callback(due.State);
        }

        lock (_lock)
        {
            _elapsed = target;
        }
    }

    /// <summary>Finds the earliest timer due at or before <paramref name="target"/>, moves the clock to its
    /// due time and re-arms (periodic) or disarms (one-shot) it before its callback runs.</summary>
    private ManualTimer? TakeNextDue(TimeSpan target)
    {
        lock (_lock)
        {
            ManualTimer? next = null;
            foreach (var timer in _timers)
            {
                if (timer.DueAt is { } at && at <= target
                    && (next is null || at < next.DueAt || (at == next.DueAt && timer.Sequence < next.Sequence)))
                {
                    next = timer;
                }
            }
            if (next is null)
            {
                return null;
            }

            _elapsed = next.DueAt!.Value;
            if (next.Period is { } period)
            {
                next.DueAt = _elapsed + period;
                next.Sequence = ++_sequence;
            }
            else
            {
                next.DueAt = null;
            }
            return next;
        }
    }

    private bool Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        CheckDuration(dueTime, nameof(dueTime));
        CheckDuration(period, nameof(period));
        lock (_lock)
        {
            if (timer.Disposed)
            {
                return false;
            }
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _elapsed + dueTime;
            // As with System.Threading.Timer, a period of zero or infinite means one-shot.
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            timer.Sequence = ++_sequence;
            return true;
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            timer.Disposed = true;
            timer.DueAt = null;
            _timers.Remove(timer);
        }
    }

    private static void CheckDuration(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be non-negative or Timeout.InfiniteTimeSpan");
        }
    }

    private sealed class ManualTimer(ManualTimeProvider provider, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;

        // Guarded by the provider's lock.
        public TimeSpan? DueAt { get; set; }
        public TimeSpan? Period { get; set; }
        public long Sequence { get; set; }
        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => provider.Arm(this, dueTime, period);

        public void Dispose() => provider.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
