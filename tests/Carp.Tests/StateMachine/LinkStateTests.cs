using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

/// <summary>Carrier loss forces backup and freezes the protocol until carrier returns.</summary>
public sealed class LinkStateTests
{
    private static readonly TimeSpan DownAt = MasterSince + Seconds(0, 400_000);

    [Fact]
    public void Link_down_in_master_goes_backup_with_hooks()
    {
        var machine = Master();

        var decision = machine.OnLinkDown(DownAt);

        Assert.Equal([new BecomeBackup("link down", true)], decision.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Null(machine.NextDeadline);
        Assert.False(machine.IsLinkUp);
        Assert.Equal("link down", machine.LastTransitionReason);
        Assert.Equal(DownAt, machine.LastTransitionAt);
    }

    [Fact]
    public void Link_down_in_backup_only_stops_the_master_down_timer()
    {
        var machine = Backup();

        var decision = machine.OnLinkDown(StartedAt + Seconds(1));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Null(machine.NextDeadline);
        Assert.True(machine.OnTimer(StartedAt + Dead).IsEmpty);
        Assert.True(machine.OnTimer(StartedAt + Seconds(3600)).IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void While_link_is_down_a_former_master_sends_no_adverts()
    {
        var machine = Master();
        machine.OnLinkDown(DownAt);

        Assert.True(machine.OnTimer(MasterSince + Interval).IsEmpty);
        Assert.True(machine.OnTimer(MasterSince + Seconds(60)).IsEmpty);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(255, 255)]
    [InlineData(2, 0)]
    public void While_link_is_down_adverts_are_ignored(byte advbase, byte advskew)
    {
        var machine = Backup(preempt: true);
        machine.OnLinkDown(StartedAt + Seconds(1));

        var decision = machine.OnAdvertisement(StartedAt + Seconds(2), Advert(HigherPeer, advbase, advskew));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Null(machine.NextDeadline);
        Assert.Null(machine.LastMasterSeen);
    }

    [Fact]
    public void Link_up_waits_a_full_dead_interval_before_taking_over()
    {
        var machine = Master();
        machine.OnLinkDown(DownAt);
        var upAt = DownAt + Seconds(10);

        var decision = machine.OnLinkUp(upAt);

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.True(machine.IsLinkUp);
        Assert.Equal(upAt + Dead, machine.NextDeadline);
        Assert.True(machine.OnTimer(upAt).IsEmpty);
        Assert.True(machine.OnTimer(upAt + Dead - TimeSpan.FromTicks(1)).IsEmpty);
        Assert.Contains(new SendGratuitousArp("takeover"), machine.OnTimer(upAt + Dead).Outputs);
    }

    [Fact]
    public void After_link_up_an_advert_keeps_us_backup()
    {
        var machine = Master();
        machine.OnLinkDown(DownAt);
        machine.OnLinkUp(DownAt + Seconds(10));

        machine.OnAdvertisement(DownAt + Seconds(11), Advert(HigherPeer, 1, 0));

        Assert.Equal(DownAt + Seconds(11) + Dead, machine.NextDeadline);
        Assert.True(machine.OnTimer(DownAt + Seconds(10) + Dead).IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Link_down_twice_has_no_second_effect()
    {
        var machine = Master();
        machine.OnLinkDown(DownAt);

        Assert.True(machine.OnLinkDown(DownAt + Seconds(1)).IsEmpty);
        Assert.Equal(DownAt, machine.LastTransitionAt);
    }

    [Fact]
    public void Link_up_while_up_changes_nothing()
    {
        var machine = Backup();

        Assert.True(machine.OnLinkUp(StartedAt + Seconds(2)).IsEmpty);
        Assert.Equal(StartedAt + Dead, machine.NextDeadline);

        var master = Master();
        Assert.True(master.OnLinkUp(MasterSince + Seconds(0, 1)).IsEmpty);
        Assert.Equal(CarpState.Master, master.State);
        Assert.Equal(MasterSince + Interval, master.NextDeadline);
    }

    [Fact]
    public void Link_down_before_the_delayed_garp_cancels_it()
    {
        var machine = Master();
        machine.OnTimer(MasterSince + Interval);
        machine.OnLinkDown(MasterSince + Interval + Seconds(0, 1));
        var upAt = MasterSince + Seconds(5);
        machine.OnLinkUp(upAt);
        machine.OnTimer(upAt + Dead);

        Assert.Equal([new SendAdvertisement(OurTiming)], machine.OnTimer(upAt + Dead + Interval).Outputs);
        Assert.Contains(new SendGratuitousArp("delayed"), machine.OnTimer(upAt + Dead + Interval + Interval).Outputs);
    }
}
