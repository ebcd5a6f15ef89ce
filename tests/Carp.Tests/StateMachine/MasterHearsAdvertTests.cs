using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

/// <summary>A master hearing another master: yield to a better one, reassert against a worse one.</summary>
public sealed class MasterHearsAdvertTests
{
    private static readonly TimeSpan HeardAt = MasterSince + Seconds(0, 500_000);

    [Theory]
    [InlineData(1, 49)] // same advbase, smaller skew
    [InlineData(1, 0)]
    [InlineData(0, 255)] // smaller advbase beats any skew
    public void Yields_to_a_better_master_whatever_its_address(byte advbase, byte advskew)
    {
        var machine = Master();

        var decision = machine.OnAdvertisement(HeardAt, Advert(HigherPeer, advbase, advskew));

        Assert.Equal(
            [
                new SendAdvertisement(OurTiming),
                new BecomeBackup($"preferred master 192.0.2.3 advertised (advbase {advbase} advskew {advskew})", true),
            ],
            decision.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Yielding_arms_the_master_down_timer_and_records_the_new_master()
    {
        var machine = Master();

        machine.OnAdvertisement(HeardAt, Advert(HigherPeer, 1, 0));

        Assert.Equal(HeardAt + Dead, machine.NextDeadline);
        Assert.Equal(HigherPeer, machine.LastMasterSeen);
        Assert.Equal(HeardAt, machine.LastTransitionAt);
        Assert.StartsWith("preferred master 192.0.2.3", machine.LastTransitionReason);
    }

    [Fact]
    public void Yields_to_an_equal_master_with_a_lower_address()
    {
        var machine = Master();

        var decision = machine.OnAdvertisement(HeardAt, Advert(LowerPeer, 1, 50));

        Assert.Equal(
            [
                new SendAdvertisement(OurTiming),
                new BecomeBackup("preferred master 192.0.2.1 advertised (advbase 1 advskew 50)", true),
            ],
            decision.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(LowerPeer, machine.LastMasterSeen);
    }

    [Fact]
    public void Reasserts_with_garp_against_an_equal_master_with_a_higher_address()
    {
        var machine = Master();

        var decision = machine.OnAdvertisement(HeardAt, Advert(HigherPeer, 1, 50));

        Assert.Equal([new SendGratuitousArp("reassert: non-preferred master 192.0.2.3")], decision.Outputs);
        Assert.Equal(CarpState.Master, machine.State);
        Assert.Equal(Ours, machine.LastMasterSeen);
    }

    [Theory]
    [InlineData(1, 51)]
    [InlineData(2, 0)]
    [InlineData(255, 255)]
    public void Reasserts_with_garp_against_a_worse_master_even_from_a_lower_address(byte advbase, byte advskew)
    {
        var machine = Master();

        var decision = machine.OnAdvertisement(HeardAt, Advert(LowerPeer, advbase, advskew));

        Assert.Equal([new SendGratuitousArp("reassert: non-preferred master 192.0.2.1")], decision.Outputs);
        Assert.Equal(CarpState.Master, machine.State);
    }

    [Fact]
    public void Reasserting_keeps_the_advert_schedule()
    {
        var machine = Master();

        machine.OnAdvertisement(HeardAt, Advert(HigherPeer, 2, 0));

        Assert.Equal(MasterSince + Interval, machine.NextDeadline);
    }

    [Fact]
    public void Reasserting_restarts_the_delayed_garp_countdown_at_two()
    {
        var machine = Master();
        var now = MasterSince;
        // Use up the takeover's delayed GARP first.
        machine.OnTimer(now += Interval);
        Assert.Contains(new SendGratuitousArp("delayed"), machine.OnTimer(now += Interval).Outputs);

        machine.OnAdvertisement(now + Seconds(0, 1), Advert(HigherPeer, 2, 0));

        Assert.Equal([new SendAdvertisement(OurTiming)], machine.OnTimer(now += Interval).Outputs);
        Assert.Equal([new SendAdvertisement(OurTiming), new SendGratuitousArp("delayed")], machine.OnTimer(now += Interval).Outputs);
        Assert.Equal([new SendAdvertisement(OurTiming)], machine.OnTimer(now + Interval).Outputs);
    }

    [Fact]
    public void After_yielding_adverts_from_the_new_master_keep_us_backup()
    {
        var machine = Master();
        var now = HeardAt;
        machine.OnAdvertisement(now, Advert(LowerPeer, 1, 0));

        for (var i = 0; i < 5; i++)
        {
            now += Seconds(1);
            Assert.True(machine.OnTimer(now).IsEmpty);
            Assert.True(machine.OnAdvertisement(now, Advert(LowerPeer, 1, 0)).IsEmpty);
        }

        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(now + Dead, machine.NextDeadline);
    }
}
