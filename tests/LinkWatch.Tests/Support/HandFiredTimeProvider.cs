namespace Failover.LinkWatch.Tests.Support;

/// <summary>
/// A clock with one timer that fires only when the test calls <see cref="Fire"/>, whenever it likes: to
/// play a timer callback that was already on its way when the timer was cancelled or re-armed.
/// </summary>
public sealed class HandFiredTimeProvider : TimeProvider
{
    private TimerCallback? _callback;
    private object? _state;

    public TimeSpan Now { get; set; }

    /// <summary>The due time of the last Change (infinite when cancelled).</summary>
    public TimeSpan LastDueTime { get; private set; } = Timeout.InfiniteTimeSpan;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _callback = callback;
        _state = state;
        LastDueTime = dueTime;
        return new Timer(this);
    }

    public void Fire() => _callback!(_state);

    private sealed class Timer(HandFiredTimeProvider provider) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            provider.LastDueTime = dueTime;
            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
