using Failover.Monitors.Processes;
using Xunit;

namespace Failover.Monitors.Tests.Processes;

public sealed class RestartBackoffTests
{
    [Fact]
    public void Doubles_up_to_the_cap_and_starts_over_after_a_reset()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalSeconds).ToList();
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays);
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Fact]
    public void A_first_delay_above_the_cap_stays_as_it_is()
    {
        var backoff = new RestartBackoff(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromMinutes(2), backoff.Next());
        Assert.Equal(TimeSpan.FromMinutes(2), backoff.Next());
    }
}
