namespace Failover.LinkWatch.Tests;

public sealed class LinkDelaysTests
{
    [Fact]
    public void Immediate_has_no_delays()
    {
        Assert.Equal(new LinkDelays(TimeSpan.Zero, TimeSpan.Zero), LinkDelays.Immediate);
    }

    [Fact]
    public void A_negative_delay_is_refused_however_it_is_given()
    {
        var minus = TimeSpan.FromSeconds(-1);

        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkDelays(minus, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkDelays(TimeSpan.Zero, minus));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinkDelays.Immediate with { DownDelay = minus });
    }
}
