namespace Failover.LinkWatch;

/// <summary>
/// ifplugd's debounce for one interface: raw carrier reports in, settled changes out. A change is
/// passed on only once the raw state has held for the delay of its direction; going back before that
/// cancels it, so a link whose up-periods are shorter than the up delay never comes up. A zero delay
/// passes the change on synchronously, inside <see cref="Report"/>. Repeating the current raw state
/// changes nothing (and does not restart a pending delay).
/// </summary>
/// <remarks>
/// Thread-safe. <c>changed</c> runs under the debouncer's lock, on the reporting thread or the timer's,
/// so changes come out in order; it must be quick and must not block (the watcher only queues them).
/// </remarks>
internal sealed class LinkDebouncer : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LinkDelays _delays;
    private readonly TimeProvider _time;
    private readonly Action<bool> _changed;
    private readonly ITimer _timer;
    private bool _up;
    private bool _rawUp;
    private long? _pendingSince;
    private bool _disposed;

    public LinkDebouncer(LinkDelays delays, TimeProvider time, Action<bool> changed)
    {
        _delays = delays;
        _time = time;
        _changed = changed;
        _timer = time.CreateTimer(static self => ((LinkDebouncer)self!).OnDelayElapsed(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The settled state: what has been passed on.</summary>
    public bool IsUp
    {
        get
        {
            lock (_lock)
            {
                return _up;
            }
        }
    }

    /// <summary>Takes a raw state as settled without a delay or a change notice (the state at start-up).</summary>
    public void Settle(bool up)
    {
        lock (_lock)
        {
            _up = _rawUp = up;
            Cancel();
        }
    }

    public void Report(bool rawUp)
    {
        lock (_lock)
        {
            if (_disposed || rawUp == _rawUp)
                return;
            _rawUp = rawUp;
            if (rawUp == _up)
            {
                Cancel();
                return;
            }
            var delay = Delay(rawUp);
            if (delay == TimeSpan.Zero)
            {
                Cancel();
                Pass();
                return;
            }
            _pendingSince = _time.GetTimestamp();
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Cancel();
        }
        _timer.Dispose();
    }

    private void OnDelayElapsed()
    {
        lock (_lock)
        {
            // A cancelled or re-armed delay can still fire once if its callback was already on its way.
            if (_disposed || _pendingSince is not { } since)
                return;
            var left = Delay(_rawUp) - _time.GetElapsedTime(since);
            if (left > TimeSpan.Zero)
            {
                _timer.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }
            _pendingSince = null;
            Pass();
        }
    }

    private void Pass()
    {
        _up = _rawUp;
        _changed(_up);
    }

    private void Cancel()
    {
        _pendingSince = null;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private TimeSpan Delay(bool up) => up ? _delays.UpDelay : _delays.DownDelay;
}
