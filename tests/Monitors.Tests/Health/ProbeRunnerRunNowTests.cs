using Failover.Carp.Tests.Support;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Health;

/// <summary><see cref="ProbeRunner.RunNow"/> and the early runs a watching probe asks for.</summary>
public sealed class ProbeRunnerRunNowTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly FakeProbe _probe = new("drbd");
    private readonly WatchingFakeProbe _watching;
    private readonly ProbeRunner _runner;
    private readonly List<ProbeResult> _recorded = [];

    public ProbeRunnerRunNowTests()
    {
        _watching = new WatchingFakeProbe(_probe);
        _runner = new ProbeRunner(_watching, new ProbeSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)),
            new HealthPolicy(2, 3), _time);
        _runner.ResultRecorded += (_, r) => _recorded.Add(r);
    }

    public void Dispose() => _runner.Dispose();

    private void StartWithFirstRunDone()
    {
        _runner.Start();
        _time.Advance(TimeSpan.Zero);
        _probe.Finish(0, healthy: true, "r0: Connected");
        _time.Advance(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_change_seen_starts_a_counted_run_at_once()
    {
        StartWithFirstRunDone();
        _watching.SeeChange();
        Assert.Equal(2, _probe.Calls);
        _probe.Finish(1, healthy: false, "r0: split brain");
        Assert.Equal(["r0: Connected", "r0: split brain"], _recorded.Select(r => r.Reason));
        Assert.Equal(1, _runner.Status.ConsecutiveFailures);
        Assert.Equal(ServiceHealth.Up, _runner.Status.Health); // one early run is one fall step, not a verdict
    }

    [Fact]
    public void Changes_during_a_run_give_exactly_one_more_run_after_it()
    {
        StartWithFirstRunDone();
        _watching.SeeChange();
        _watching.SeeChange();
        _runner.RunNow();
        Assert.Equal(2, _probe.Calls);
        _probe.Finish(1, healthy: false, "r0: StandAlone");
        Assert.Equal(3, _probe.Calls);
        _probe.Finish(2, healthy: false, "r0: split brain");
        Assert.Equal(3, _probe.Calls);
        Assert.Equal(2, _runner.Status.ConsecutiveFailures);
    }

    [Fact]
    public void A_change_during_a_hand_run_is_followed_by_a_counted_run()
    {
        StartWithFirstRunDone();
        var byHand = _runner.RunOnceAsync();
        _watching.SeeChange();
        _probe.Finish(1, healthy: true, "by hand");
        Assert.True(byHand.IsCompletedSuccessfully);
        Assert.Equal(3, _probe.Calls);
        _probe.Finish(2, healthy: false, "r0: disk Failed");
        Assert.Equal(["r0: Connected", "r0: disk Failed"], _recorded.Select(r => r.Reason));
    }

    [Fact]
    public void A_stuck_run_is_not_joined_by_early_runs()
    {
        StartWithFirstRunDone();
        _watching.SeeChange();
        _time.Advance(TimeSpan.FromSeconds(2)); // deadline: abandoned
        _watching.SeeChange();
        _probe.Finish(1, healthy: true);
        Assert.Equal(2, _probe.Calls);
    }

    [Fact]
    public void Changes_before_start_and_after_dispose_start_nothing()
    {
        Assert.False(_watching.Watched);
        _watching.SeeChange();
        _runner.RunNow();
        Assert.Equal(0, _probe.Calls);

        StartWithFirstRunDone();
        Assert.True(_watching.Watched);
        _runner.Dispose();
        Assert.False(_watching.Watched);
        _runner.RunNow();
        Assert.Equal(1, _probe.Calls);
    }
}
