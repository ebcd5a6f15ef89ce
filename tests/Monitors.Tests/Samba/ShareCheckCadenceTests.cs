using Failover.Monitors.Samba;

namespace Failover.Monitors.Tests.Samba;

public sealed class ShareCheckCadenceTests
{
    [Fact]
    public void The_first_run_and_every_nth_after_check_the_share()
    {
        var cadence = new ShareCheckCadence(3);
        var checkedRuns = new List<int>();
        for (var run = 1; run <= 10; run++)
        {
            if (cadence.TakeTurn())
            {
                checkedRuns.Add(run);
                cadence.Checked(passed: true);
            }
        }
        Assert.Equal([1, 4, 7, 10], checkedRuns);
    }

    [Fact]
    public void After_a_failed_check_every_run_checks_until_one_passes()
    {
        var cadence = new ShareCheckCadence(5);
        Assert.True(cadence.TakeTurn());
        cadence.Checked(passed: false);
        Assert.True(cadence.TakeTurn());
        cadence.Checked(passed: false);
        Assert.True(cadence.TakeTurn());
        cadence.Checked(passed: true);
        Assert.Equal([false, false, false, false, true], Enumerable.Range(0, 5).Select(_ => cadence.TakeTurn()));
    }

    [Fact]
    public void A_failed_negotiate_makes_the_next_run_check()
    {
        var cadence = new ShareCheckCadence(10);
        Assert.True(cadence.TakeTurn());
        cadence.Checked(passed: true);
        Assert.False(cadence.TakeTurn());
        cadence.ServerFailed();
        Assert.True(cadence.TakeTurn());
    }

    [Fact]
    public void Every_one_checks_every_run()
    {
        var cadence = new ShareCheckCadence(1);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(cadence.TakeTurn());
            cadence.Checked(passed: true);
        }
    }
}
