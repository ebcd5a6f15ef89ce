namespace Failover.Carp.Tests.Support;

public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Epoch = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Time_moves_only_on_advance()
    {
        var time = new ManualTimeProvider(Epoch);
        var start = time.GetTimestamp();

        Assert.Equal(Epoch, time.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, time.GetElapsedTime(start));

        time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(Epoch.AddMilliseconds(1500), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(start));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.Elapsed);
    }

    [Fact]
    public void Timestamps_have_tick_resolution()
    {
        var time = new ManualTimeProvider();
        var start = time.GetTimestamp();

        time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(TimeSpan.TicksPerSecond, time.TimestampFrequency);
        Assert.Equal(TimeSpan.FromTicks(1), time.GetElapsedTime(start));
    }

    [Fact]
    public void Local_time_is_utc()
    {
        var time = new ManualTimeProvider(Epoch);

        Assert.Equal(Epoch, time.GetLocalNow());
    }

    [Fact]
    public void Advance_rejects_going_back()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManualTimeProvider().Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void One_shot_timer_fires_at_its_due_time_not_before()
    {
        var time = new ManualTimeProvider();
        var firedAt = new List<TimeSpan>();
        using var timer = time.CreateTimer(_ => firedAt.Add(time.Elapsed), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.Empty(firedAt);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal([TimeSpan.FromSeconds(3)], firedAt);

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Single(firedAt);
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public void Callback_sees_the_clock_at_its_due_time_during_a_long_advance()
    {
        var time = new ManualTimeProvider();
        TimeSpan? seen = null;
        using var timer = time.CreateTimer(_ => seen = time.Elapsed, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(2), seen);
        Assert.Equal(TimeSpan.FromSeconds(10), time.Elapsed);
    }

    [Fact]
    public void Callback_gets_its_state()
    {
        var time = new ManualTimeProvider();
        object? received = null;
        var state = new object();
        using var timer = time.CreateTimer(s => received = s, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.Zero);

        Assert.Same(state, received);
    }

    [Fact]
    public void Due_time_zero_fires_on_the_next_advance_not_inside_create_timer()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(0, fired);
        time.Advance(TimeSpan.Zero);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Periodic_timer_fires_once_per_period_including_within_one_advance()
    {
        var time = new ManualTimeProvider();
        var firedAt = new List<TimeSpan>();
        using var timer = time.CreateTimer(_ => firedAt.Add(time.Elapsed), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)], firedAt);
        Assert.Equal(1, time.ArmedTimers);
    }

    [Fact]
    public void Period_zero_means_one_shot()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.Zero);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void Infinite_due_time_never_fires()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, fired);
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public void Timers_fire_in_due_order_and_ties_in_arming_order()
    {
        var time = new ManualTimeProvider();
        var order = new List<string>();
        using var late = time.CreateTimer(_ => order.Add("late"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var tieA = time.CreateTimer(_ => order.Add("tieA"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var tieB = time.CreateTimer(_ => order.Add("tieB"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => order.Add("early"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["early", "tieA", "tieB", "late"], order);
    }

    [Fact]
    public void Change_reschedules_from_the_current_time()
    {
        var time = new ManualTimeProvider();
        var firedAt = new List<TimeSpan>();
        using var timer = time.CreateTimer(_ => firedAt.Add(time.Elapsed), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.True(timer.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([TimeSpan.FromMilliseconds(2500)], firedAt);
    }

    [Fact]
    public void Change_to_infinite_disarms()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
    }

    [Fact]
    public void A_callback_can_rearm_its_own_timer_and_it_fires_again_within_the_same_advance()
    {
        var time = new ManualTimeProvider();
        var firedAt = new List<TimeSpan>();
        ITimer? timer = null;
        timer = time.CreateTimer(
            _ =>
            {
                firedAt.Add(time.Elapsed);
                timer!.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
            },
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(8));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(7)], firedAt);
        timer.Dispose();
    }

    [Fact]
    public void A_callback_can_create_a_timer_that_fires_within_the_same_advance()
    {
        var time = new ManualTimeProvider();
        var firedAt = new List<TimeSpan>();
        var timers = new List<ITimer>();
        timers.Add(time.CreateTimer(
            _ => timers.Add(time.CreateTimer(_ => firedAt.Add(time.Elapsed), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan)),
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan));

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([TimeSpan.FromSeconds(2)], firedAt);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Disposed_timer_does_not_fire_and_cannot_be_changed()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, fired);
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public async Task DisposeAsync_disarms()
    {
        var time = new ManualTimeProvider();
        var fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        await timer.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
    }

    [Fact]
    public void Rejects_negative_durations_other_than_infinite()
    {
        var time = new ManualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            time.CreateTimer(_ => { }, null, TimeSpan.FromTicks(-1), Timeout.InfiniteTimeSpan));
        using var timer = time.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.Zero, TimeSpan.FromTicks(-2)));
    }

    [Fact]
    public async Task Task_delay_completes_only_when_time_is_advanced_past_it()
    {
        var time = new ManualTimeProvider();

        var delay = Task.Delay(TimeSpan.FromSeconds(10), time);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(delay.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Periodic_timer_ticks_on_advance()
    {
        var time = new ManualTimeProvider();
        using var periodic = new PeriodicTimer(TimeSpan.FromSeconds(1), time);

        var tick = periodic.WaitForNextTickAsync().AsTask();
        Assert.False(tick.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await tick.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Cancellation_token_source_with_timeout_cancels_on_advance()
    {
        var time = new ManualTimeProvider();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cts.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public void Exception_in_a_callback_escapes_advance_and_the_clock_stays_at_its_due_time()
    {
        var time = new ManualTimeProvider();
        using var timer = time.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        Assert.Throws<InvalidOperationException>(() => time.Advance(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(1), time.Elapsed);
    }
}
