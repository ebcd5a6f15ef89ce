using Failover.Carp.Tests.Support;
using Failover.LinkWatch.Tests.Support;

namespace Failover.LinkWatch.Tests;

/// <summary>ifplugd's delays on a manual clock: every expectation is at an exact instant.</summary>
public sealed class LinkDebouncerTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private readonly ManualTimeProvider _time = new();
    private readonly List<(TimeSpan At, bool Up)> _changes = [];

    [Fact]
    public void Down_counts_once_it_has_lasted_the_down_delay()
    {
        using var link = Debouncer(up: 0, down: 1000, settled: true);

        link.Report(false);
        _time.Advance(999 * Ms);
        Assert.Empty(_changes);
        Assert.True(link.IsUp);

        _time.Advance(Ms);
        Assert.Equal([(1000 * Ms, false)], _changes);
        Assert.False(link.IsUp);
    }

    [Fact]
    public void Up_counts_once_it_has_lasted_the_up_delay()
    {
        using var link = Debouncer(up: 2000, down: 0, settled: false);

        link.Report(true);
        _time.Advance(1999 * Ms);
        Assert.Empty(_changes);
        Assert.False(link.IsUp);

        _time.Advance(Ms);
        Assert.Equal([(2000 * Ms, true)], _changes);
        Assert.True(link.IsUp);
    }

    [Fact]
    public void A_link_whose_up_periods_are_shorter_than_the_up_delay_never_comes_up()
    {
        using var link = Debouncer(up: 2000, down: 0, settled: false);

        for (int flap = 0; flap < 10; flap++)
        {
            link.Report(true);
            _time.Advance(1999 * Ms);
            link.Report(false);
            _time.Advance(5000 * Ms);
        }

        Assert.Empty(_changes);
        Assert.False(link.IsUp);
        Assert.Equal(0, _time.ArmedTimers);
    }

    [Fact]
    public void A_dropout_shorter_than_the_down_delay_is_never_seen()
    {
        using var link = Debouncer(up: 0, down: 500, settled: true);

        for (int flap = 0; flap < 10; flap++)
        {
            link.Report(false);
            _time.Advance(499 * Ms);
            link.Report(true);
            _time.Advance(100 * Ms);
        }

        Assert.Empty(_changes);
        Assert.True(link.IsUp);
    }

    [Fact]
    public void A_change_after_a_cancelled_one_waits_its_full_delay_again()
    {
        using var link = Debouncer(up: 0, down: 1000, settled: true);

        link.Report(false);
        _time.Advance(500 * Ms);
        link.Report(true);
        _time.Advance(300 * Ms);
        link.Report(false); // at 800 ms
        _time.Advance(999 * Ms);
        Assert.Empty(_changes);

        _time.Advance(Ms);
        Assert.Equal([(1800 * Ms, false)], _changes);
    }

    [Fact]
    public void Zero_delays_report_synchronously_without_a_timer()
    {
        using var link = Debouncer(up: 0, down: 0, settled: true);

        link.Report(false);
        Assert.Equal([(TimeSpan.Zero, false)], _changes);
        link.Report(true);
        Assert.Equal([(TimeSpan.Zero, false), (TimeSpan.Zero, true)], _changes);
        Assert.Equal(0, _time.ArmedTimers);
    }

    [Fact]
    public void Delays_apply_per_direction()
    {
        using var link = Debouncer(up: 0, down: 3000, settled: true);

        link.Report(false);
        _time.Advance(3000 * Ms);
        link.Report(true);

        Assert.Equal([(3000 * Ms, false), (3000 * Ms, true)], _changes);
    }

    [Fact]
    public void A_repeated_raw_state_does_not_restart_the_delay()
    {
        using var link = Debouncer(up: 0, down: 1000, settled: true);

        link.Report(false);
        _time.Advance(600 * Ms);
        link.Report(false);
        link.Report(false);
        _time.Advance(400 * Ms);

        Assert.Equal([(1000 * Ms, false)], _changes);
    }

    [Fact]
    public void Repeating_the_settled_state_changes_nothing()
    {
        using var link = Debouncer(up: 1000, down: 1000, settled: true);

        link.Report(true);
        link.Report(true);
        _time.Advance(5000 * Ms);

        Assert.Empty(_changes);
        Assert.Equal(0, _time.ArmedTimers);
    }

    [Fact]
    public void Interfaces_are_debounced_independently()
    {
        var fast = new List<(TimeSpan, bool)>();
        var slow = new List<(TimeSpan, bool)>();
        using var a = new LinkDebouncer(new LinkDelays(TimeSpan.Zero, 1000 * Ms), _time, up => fast.Add((_time.Elapsed, up)));
        using var b = new LinkDebouncer(new LinkDelays(TimeSpan.Zero, 2000 * Ms), _time, up => slow.Add((_time.Elapsed, up)));
        a.Settle(true);
        b.Settle(true);

        a.Report(false);
        _time.Advance(500 * Ms);
        b.Report(false);
        _time.Advance(500 * Ms);
        b.Report(true); // b's dropout is cancelled; a's is not
        b.Report(false);
        _time.Advance(2000 * Ms);

        Assert.Equal([(1000 * Ms, false)], fast);
        Assert.Equal([(3000 * Ms, false)], slow);
    }

    [Fact]
    public void Settling_takes_the_state_without_a_notice_and_drops_a_pending_change()
    {
        using var link = Debouncer(up: 0, down: 1000, settled: true);

        link.Report(false);
        link.Settle(true);
        _time.Advance(2000 * Ms);
        Assert.Empty(_changes);

        link.Settle(false);
        Assert.False(link.IsUp);
        Assert.Empty(_changes);
    }

    [Fact]
    public void A_disposed_debouncer_reports_nothing()
    {
        var link = Debouncer(up: 0, down: 1000, settled: true);

        link.Report(false);
        link.Dispose();
        _time.Advance(2000 * Ms);
        link.Report(true);
        link.Report(false);

        Assert.Empty(_changes);
    }

    [Fact]
    public void A_timer_callback_that_arrives_early_or_stale_waits_out_the_rest_of_the_delay()
    {
        var time = new HandFiredTimeProvider();
        var changes = new List<bool>();
        using var link = new LinkDebouncer(new LinkDelays(TimeSpan.Zero, 1000 * Ms), time, changes.Add);
        link.Settle(true);

        link.Report(false);
        link.Report(true);   // cancelled ...
        time.Now = 700 * Ms;
        link.Report(false);  // ... and started again at 700 ms
        time.Now = 1000 * Ms;
        time.Fire();         // the first arming's callback, already on its way

        Assert.Empty(changes);
        Assert.Equal(700 * Ms, time.LastDueTime);

        time.Now = 1700 * Ms;
        time.Fire();
        Assert.Equal([false], changes);
    }

    [Fact]
    public void A_stale_callback_after_a_cancel_does_nothing()
    {
        var time = new HandFiredTimeProvider();
        var changes = new List<bool>();
        using var link = new LinkDebouncer(new LinkDelays(TimeSpan.Zero, 1000 * Ms), time, changes.Add);
        link.Settle(true);

        link.Report(false);
        link.Report(true);
        time.Now = 5000 * Ms;
        time.Fire();

        Assert.Empty(changes);
        Assert.True(link.IsUp);
    }

    private LinkDebouncer Debouncer(int up, int down, bool settled)
    {
        var link = new LinkDebouncer(new LinkDelays(up * Ms, down * Ms), _time, changed => _changes.Add((_time.Elapsed, changed)));
        link.Settle(settled);
        return link;
    }
}
