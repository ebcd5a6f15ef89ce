using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

/// <summary>A backup hearing a master: wait (timer restarted), preempt, or honour a bow-out.</summary>
public sealed class BackupHearsAdvertTests
{
    private static readonly TimeSpan HeardAt = StartedAt + Seconds(2);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 50)]
    [InlineData(1, 51)]
    [InlineData(3, 0)]
    public void An_advert_restarts_the_master_down_timer(byte advbase, byte advskew)
    {
        var machine = Backup();

        var decision = machine.OnAdvertisement(HeardAt, Advert(HigherPeer, advbase, advskew));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(HeardAt + Dead, machine.NextDeadline);
        Assert.Equal(HigherPeer, machine.LastMasterSeen);
    }

    [Fact]
    public void Regular_adverts_keep_a_backup_in_backup_indefinitely()
    {
        var machine = Backup();
        var now = StartedAt;

        for (var i = 0; i < 100; i++)
        {
            now += Seconds(1);
            machine.OnAdvertisement(now, Advert(LowerPeer, 1, 0));
            Assert.True(machine.OnTimer(now + Seconds(3)).IsEmpty);
        }

        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Takeover_a_full_dead_interval_after_the_last_advert()
    {
        var machine = Backup();
        machine.OnAdvertisement(HeardAt, Advert(LowerPeer, 1, 0));

        Assert.True(machine.OnTimer(StartedAt + Dead).IsEmpty);
        Assert.True(machine.OnTimer(HeardAt + Dead - TimeSpan.FromTicks(1)).IsEmpty);
        Assert.Contains(new BecomeMaster("no advertisement for 3.195312 s"), machine.OnTimer(HeardAt + Dead).Outputs);
    }

    [Theory]
    [InlineData(1, 51)]
    [InlineData(2, 0)]
    public void With_preempt_a_worse_master_is_replaced_at_once(byte advbase, byte advskew)
    {
        var machine = Backup(preempt: true);

        var decision = machine.OnAdvertisement(HeardAt, Advert(LowerPeer, advbase, advskew));

        var reason = $"preempting slower master 192.0.2.1 (advbase {advbase} advskew {advskew})";
        Assert.Equal(
            [new BecomeMaster(reason), new SendAdvertisement(OurTiming), new SendGratuitousArp("takeover")],
            decision.Outputs);
        Assert.Equal(CarpState.Master, machine.State);
        Assert.Equal(HeardAt + Interval, machine.NextDeadline);
        Assert.Equal(Ours, machine.LastMasterSeen);
        Assert.Equal(reason, machine.LastTransitionReason);
    }

    [Fact]
    public void Preempt_takeover_gets_the_delayed_garp_too()
    {
        var machine = Backup(preempt: true);
        machine.OnAdvertisement(HeardAt, Advert(LowerPeer, 2, 0));

        machine.OnTimer(HeardAt + Interval);

        Assert.Contains(new SendGratuitousArp("delayed"), machine.OnTimer(HeardAt + Interval + Interval).Outputs);
    }

    [Fact]
    public void Without_preempt_a_worse_master_is_left_alone()
    {
        var machine = Backup(preempt: false);

        var decision = machine.OnAdvertisement(HeardAt, Advert(LowerPeer, 2, 0));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(HeardAt + Dead, machine.NextDeadline);
    }

    [Theory]
    [InlineData(1, 50)] // equal timing: preempt needs strictly worse, whatever the addresses
    [InlineData(1, 49)]
    [InlineData(0, 255)]
    public void With_preempt_an_equal_or_better_master_is_left_alone(byte advbase, byte advskew)
    {
        var machine = Backup(preempt: true);

        var decision = machine.OnAdvertisement(HeardAt, Advert(HigherPeer, advbase, advskew));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_bow_out_advert_is_honoured_at_once_with_or_without_preempt(bool preempt)
    {
        var machine = Backup(preempt: preempt);

        var decision = machine.OnAdvertisement(HeardAt, new PeerAdvertisement(LowerPeer, CarpTiming.BowOut));

        // The reason names the bow-out even when preempt would have taken over anyway.
        var reason = "master 192.0.2.1 bowed out (advbase 255 advskew 255)";
        Assert.Equal(
            [new BecomeMaster(reason), new SendAdvertisement(OurTiming), new SendGratuitousArp("takeover")],
            decision.Outputs);
        Assert.Equal(CarpState.Master, machine.State);
    }

    [Fact]
    public void Bow_out_threshold_is_strictly_longer_than_our_dead_interval()
    {
        // Ours: advbase 1 advskew 0, dead ratio 3 → dead interval exactly 3 s.
        var timing = new CarpTiming(1, 0);

        var atDead = Backup(Settings(timing: timing));
        Assert.True(atDead.OnAdvertisement(HeardAt, Advert(LowerPeer, 3, 0)).IsEmpty);
        Assert.Equal(CarpState.Backup, atDead.State);

        var beyondDead = Backup(Settings(timing: timing));
        Assert.Contains(
            new BecomeMaster("master 192.0.2.1 bowed out (advbase 3 advskew 1)"),
            beyondDead.OnAdvertisement(HeardAt, Advert(LowerPeer, 3, 1)).Outputs);
        Assert.Equal(CarpState.Master, beyondDead.State);
    }
}
