using System.Net;
using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

public sealed class CarpSettingsTests
{
    [Fact]
    public void Defaults_are_ucarps()
    {
        var settings = new CarpSettings(1, new CarpTiming(1, 0), Ours);

        Assert.Equal(3, settings.DeadRatio);
        Assert.False(settings.Preempt);
        Assert.False(settings.Neutral);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.DeadInterval);
    }

    [Fact]
    public void Dead_interval_adds_the_skew_once()
    {
        Assert.Equal(Seconds(3, 195_312), Settings().DeadInterval);
        Assert.Equal(Seconds(2295, 996_093), new CarpSettings(1, CarpTiming.BowOut, Ours, DeadRatio: 9).DeadInterval);
    }

    [Fact]
    public void Rejects_vhid_zero()
    {
        Assert.Throws<ArgumentException>(() => new CarpStateMachine(new CarpSettings(0, OurTiming, Ours)));
    }

    [Fact]
    public void Rejects_a_zero_interval()
    {
        Assert.Throws<ArgumentException>(() => new CarpStateMachine(new CarpSettings(1, new CarpTiming(0, 0), Ours)));
        _ = new CarpStateMachine(new CarpSettings(1, new CarpTiming(0, 1), Ours));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rejects_a_dead_ratio_below_one(int deadRatio)
    {
        Assert.Throws<ArgumentException>(() => new CarpStateMachine(Settings(deadRatio: deadRatio)));
    }

    [Fact]
    public void Rejects_an_ipv6_source()
    {
        Assert.Throws<ArgumentException>(() => new CarpStateMachine(new CarpSettings(1, OurTiming, IPAddress.IPv6Loopback)));
    }
}
