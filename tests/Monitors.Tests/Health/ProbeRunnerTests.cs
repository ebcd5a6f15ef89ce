using Failover.Carp.Tests.Support;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Health;

public sealed class ProbeRunnerTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10); // only guards a broken test from hanging

    private readonly ManualTimeProvider _time = new();
    private readonly FakeProbe _probe = new("dns1");
    private readonly List<HealthTransition> _transitions = [];
    private readonly List<ProbeResult> _recorded = [];
    private readonly List<string> _skips = [];
    private ProbeRunner _runner;

    public ProbeRunnerTests() => _runner = NewRunner(new ProbeSchedule(Interval, Timeout), new HealthPolicy(2, 3));

    public void Dispose() => _runner.Dispose();

    private ProbeRunner NewRunner(ProbeSchedule schedule, HealthPolicy policy)
    {
        var runner = new ProbeRunner(_probe, schedule, policy, _time);
        runner.Transitioned += (_, t) => _transitions.Add(t);
        runner.ResultRecorded += (_, r) => _recorded.Add(r);
        runner.TickSkipped += (_, s) => _skips.Add(s);
        return runner;
    }

    private void Replace(ProbeSchedule schedule, HealthPolicy policy)
    {
        _runner.Dispose();
        _runner = NewRunner(schedule, policy);
    }

    private void AdvanceTo(double seconds) => _time.Advance(TimeSpan.FromSeconds(seconds) - _time.Elapsed);

    [Fact]
    public void First_run_comes_at_start_and_its_result_settles_unknown_health()
    {
        _runner.Start();
        Assert.Equal(0, _probe.Calls);
        _time.Advance(TimeSpan.Zero);
        Assert.Equal(1, _probe.Calls);
        Assert.True(_runner.Status.RunInFlight);

        _probe.Finish(0, healthy: true, "www.example.test A 192.0.2.10");

        var status = _runner.Status;
        Assert.Equal(ServiceHealth.Up, status.Health);
        Assert.False(status.RunInFlight);
        Assert.Equal("www.example.test A 192.0.2.10", status.LastResult?.Reason);
        Assert.Equal(_time.GetUtcNow(), status.LastResultAt);
        Assert.Equal([new HealthTransition(ServiceHealth.Unknown, ServiceHealth.Up, "www.example.test A 192.0.2.10")], _transitions);
    }

    [Fact]
    public void Runs_every_interval()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        _probe.Finish(0, true);
        AdvanceTo(4.9);
        Assert.Equal(1, _probe.Calls);
        AdvanceTo(5);
        Assert.Equal(2, _probe.Calls);
        _probe.Finish(1, true);
        AdvanceTo(10);
        _probe.Finish(2, true);
        AdvanceTo(15);
        Assert.Equal(4, _probe.Calls);
        Assert.Equal(3, _runner.Status.ConsecutiveSuccesses);
    }

    [Fact]
    public void A_hung_run_fails_at_the_deadline_is_cancelled_and_blocks_no_thread()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero); // the probe's task never completes
        AdvanceTo(1.9);
        Assert.Empty(_recorded);
        Assert.False(_probe.TokenOf(0).IsCancellationRequested);

        AdvanceTo(2);

        Assert.True(_probe.TokenOf(0).IsCancellationRequested);
        Assert.Equal(ProbeResult.Down("no answer within 2 s", Timeout), Assert.Single(_recorded));
        var status = _runner.Status;
        Assert.Equal(ServiceHealth.Down, status.Health);
        Assert.True(status.Stuck);
        Assert.True(status.RunInFlight);
    }

    [Fact]
    public void Ticks_while_a_run_is_stuck_count_as_failures_and_start_no_second_run()
    {
        Replace(new ProbeSchedule(Interval, Timeout), new HealthPolicy(2, 3, ServiceHealth.Up));
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        AdvanceTo(10);

        Assert.Equal(1, _probe.Calls);
        Assert.Equal(
        [
            "no answer within 2 s",
            "previous run still hung after 5 s (abandoned at the 2 s deadline); not starting another",
            "previous run still hung after 10 s (abandoned at the 2 s deadline); not starting another",
        ], _recorded.Select(r => r.Reason));
        Assert.Equal(TimeSpan.FromSeconds(10), _recorded[^1].Latency);
        Assert.Equal(3, _runner.Status.ConsecutiveFailures);
        var transition = Assert.Single(_transitions);
        Assert.Equal((ServiceHealth.Up, ServiceHealth.Down), (transition.From, transition.To));
        Assert.StartsWith("3 failures in a row, last: previous run still hung", transition.Reason);
    }

    [Fact]
    public void A_stuck_run_that_finally_returns_is_discarded_and_frees_the_slot()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        AdvanceTo(3);

        _probe.Finish(0, healthy: true, "late");

        Assert.Single(_recorded);
        Assert.Equal(ServiceHealth.Down, _runner.Status.Health);
        Assert.False(_runner.Status.RunInFlight);
        AdvanceTo(5);
        Assert.Equal(2, _probe.Calls);
        _probe.Finish(1, healthy: true, "prompt");
        Assert.Equal("prompt", _runner.Status.LastResult?.Reason);
    }

    [Fact]
    public void A_tick_within_a_long_timeout_is_skipped_and_said_so()
    {
        Replace(new ProbeSchedule(Interval, TimeSpan.FromSeconds(8)), new HealthPolicy(2, 3));
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        AdvanceTo(5);

        Assert.Equal(1, _probe.Calls);
        Assert.Equal(["previous run still in flight after 5 s; tick skipped"], _skips);
        Assert.Equal(1, _runner.Status.SkippedTicks);
        Assert.Empty(_recorded);

        AdvanceTo(6);
        _probe.Finish(0, healthy: true);
        Assert.Equal(ServiceHealth.Up, _runner.Status.Health);
        AdvanceTo(10);
        Assert.Equal(2, _probe.Calls);
    }

    [Fact]
    public void A_probe_whose_task_faults_counts_as_failed_with_the_exception_in_the_reason()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        _probe.Throw(0, new InvalidOperationException("boom"));
        Assert.Equal("probe failed: InvalidOperationException: boom", _runner.Status.LastResult?.Reason);
        Assert.False(_runner.Status.RunInFlight);
    }

    [Fact]
    public void A_probe_that_throws_synchronously_counts_as_failed()
    {
        _probe.Behaviour = _ => throw new System.Net.Sockets.SocketException(13);
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        Assert.StartsWith("probe failed: SocketException:", _runner.Status.LastResult?.Reason);
        Assert.Equal(ServiceHealth.Down, _runner.Status.Health);
        AdvanceTo(5);
        Assert.Equal(2, _probe.Calls); // the slot was freed
    }

    [Fact]
    public void A_slow_probe_within_its_deadline_counts_with_its_own_latency()
    {
        _probe.Behaviour = async token =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), _time, token);
            return ProbeResult.Up("slow but fine", TimeSpan.FromSeconds(1.5));
        };
        _runner.Start();
        _time.Advance(TimeSpan.Zero); // RunAsync runs inline up to its first await, so the delay is armed
        AdvanceTo(1.5);
        // Task.Delay completes on the timer thread; its continuation may hop, so wait for the record.
        SpinWait.SpinUntil(() => _recorded.Count > 0, Safety);
        Assert.Equal(ProbeResult.Up("slow but fine", TimeSpan.FromSeconds(1.5)), Assert.Single(_recorded));
        AdvanceTo(2);
        Assert.Single(_recorded); // no deadline failure after the run returned
    }

    [Fact]
    public void Health_goes_down_after_fall_failures_and_up_after_rise_successes_with_one_event_each()
    {
        Replace(new ProbeSchedule(Interval, Timeout), new HealthPolicy(2, 3, ServiceHealth.Up));
        _runner.Start();
        var call = 0;
        foreach (var healthy in new[] { false, false, false, false, true, true, true })
        {
            AdvanceTo(call * 5);
            _probe.Finish(call++, healthy, healthy ? "ok" : "SERVFAIL from 127.0.0.1:53");
        }
        Assert.Equal(
        [
            new HealthTransition(ServiceHealth.Up, ServiceHealth.Down, "3 failures in a row, last: SERVFAIL from 127.0.0.1:53"),
            new HealthTransition(ServiceHealth.Down, ServiceHealth.Up, "2 successes in a row, last: ok"),
        ], _transitions);
        Assert.Equal(_transitions[^1], _runner.Status.LastTransition);
        Assert.Equal(TimeSpan.FromSeconds(25), _runner.Status.LastTransitionAt - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, _runner.Status.ConsecutiveSuccesses);
    }

    [Fact]
    public async Task A_one_off_run_reports_without_moving_health()
    {
        var run = _runner.RunOnceAsync();
        Assert.Equal(1, _probe.Calls);
        _probe.Finish(0, healthy: false, "REFUSED from 127.0.0.1:53");

        var result = await run.WaitAsync(Safety);

        Assert.Equal("REFUSED from 127.0.0.1:53", result.Reason);
        Assert.Equal(ServiceHealth.Unknown, _runner.Status.Health);
        Assert.Null(_runner.Status.LastResult);
        Assert.Empty(_recorded);
    }

    [Fact]
    public async Task A_one_off_run_has_the_same_deadline()
    {
        var run = _runner.RunOnceAsync();
        _time.Advance(Timeout);
        var result = await run.WaitAsync(Safety);
        Assert.Equal("no answer within 2 s", result.Reason);
        Assert.Empty(_recorded);
    }

    [Fact]
    public async Task A_one_off_run_joins_the_scheduled_run_in_flight()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        var run = _runner.RunOnceAsync();
        Assert.Equal(1, _probe.Calls);
        _probe.Finish(0, healthy: true, "shared");
        Assert.Equal("shared", (await run.WaitAsync(Safety)).Reason);
        Assert.Single(_recorded); // counted once, as the scheduled run
    }

    [Fact]
    public async Task A_one_off_run_while_stuck_starts_nothing()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        AdvanceTo(3);
        var result = await _runner.RunOnceAsync().WaitAsync(Safety);
        Assert.False(result.Healthy);
        Assert.Contains("not starting another", result.Reason);
        Assert.Equal(1, _probe.Calls);
    }

    [Fact]
    public void A_tick_adopts_a_one_off_run_in_flight_and_counts_it()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        _probe.Finish(0, healthy: true);
        AdvanceTo(4);
        _ = _runner.RunOnceAsync();
        AdvanceTo(5);
        Assert.Equal(2, _probe.Calls);
        Assert.Empty(_skips);
        _probe.Finish(1, healthy: false, "adopted");
        Assert.Equal("adopted", _runner.Status.LastResult?.Reason);
        Assert.Equal(1, _runner.Status.ConsecutiveFailures);
    }

    [Fact]
    public async Task Dispose_stops_the_schedule_and_cancels_the_run_in_flight()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        var waiter = _runner.RunOnceAsync();

        _runner.Dispose();

        Assert.True(_probe.TokenOf(0).IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(Safety));
        AdvanceTo(20);
        Assert.Equal(1, _probe.Calls);
        Assert.Equal(0, _time.ArmedTimers);
        Assert.Throws<ObjectDisposedException>(() => { _ = _runner.RunOnceAsync(); });
    }

    [Fact]
    public void Starting_twice_is_refused()
    {
        _runner.Start();
        Assert.Throws<InvalidOperationException>(() => _runner.Start());
    }
}
