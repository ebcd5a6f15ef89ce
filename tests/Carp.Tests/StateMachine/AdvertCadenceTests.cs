using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

/// <summary>A master advertises every advbase + advskew/256 s, with ucarp's one delayed GARP.</summary>
public sealed class AdvertCadenceTests
{
    [Fact]
    public void Master_advertises_once_per_interval()
    {
        var machine = Master();
        var now = MasterSince;

        for (var i = 0; i < 10; i++)
        {
            Assert.True(machine.OnTimer(now + Interval - TimeSpan.FromTicks(1)).IsEmpty);
            now += Interval;
            var decision = machine.OnTimer(now);
            Assert.Contains(new SendAdvertisement(OurTiming), decision.Outputs);
            Assert.Equal(now + Interval, machine.NextDeadline);
        }
        Assert.Equal(CarpState.Master, machine.State);
    }

    [Fact]
    public void Delayed_garp_follows_the_second_advert_after_the_takeover_advert_and_only_that_one()
    {
        var machine = Master();
        var now = MasterSince;
        var decisions = new List<CarpDecision>();
        for (var i = 0; i < 5; i++)
        {
            now += Interval;
            decisions.Add(machine.OnTimer(now));
        }

        Assert.Equal([new SendAdvertisement(OurTiming)], decisions[0].Outputs);
        Assert.Equal([new SendAdvertisement(OurTiming), new SendGratuitousArp("delayed")], decisions[1].Outputs);
        Assert.Equal([new SendAdvertisement(OurTiming)], decisions[2].Outputs);
        Assert.Equal([new SendAdvertisement(OurTiming)], decisions[3].Outputs);
        Assert.Equal([new SendAdvertisement(OurTiming)], decisions[4].Outputs);
    }

    [Fact]
    public void Each_takeover_gets_its_own_delayed_garp()
    {
        var machine = Master();
        var now = MasterSince + Seconds(1);
        machine.OnAdvertisement(now, Advert(LowerPeer, 1, 0));
        Assert.Equal(CarpState.Backup, machine.State);

        now = machine.NextDeadline!.Value;
        machine.OnTimer(now);
        Assert.Equal(CarpState.Master, machine.State);
        Assert.Equal([new SendAdvertisement(OurTiming)], machine.OnTimer(now += Interval).Outputs);
        Assert.Equal([new SendAdvertisement(OurTiming), new SendGratuitousArp("delayed")], machine.OnTimer(now + Interval).Outputs);
    }

    [Fact]
    public void A_yield_before_the_delayed_garp_cancels_it()
    {
        var machine = Master();
        var now = MasterSince + Interval;
        machine.OnTimer(now);
        machine.OnAdvertisement(now + Seconds(0, 1), Advert(LowerPeer, 1, 0));
        // Taking over again restarts the countdown from 2, not from the 1 left over.
        now = machine.NextDeadline!.Value;
        machine.OnTimer(now);

        Assert.Equal([new SendAdvertisement(OurTiming)], machine.OnTimer(now + Interval).Outputs);
    }
}
