using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

public sealed class AdminPreferenceTests
{
    private static readonly TimeSpan At = MasterSince + Seconds(5);

    [Fact]
    public void Release_as_master_bows_out_and_goes_backup()
    {
        var machine = Master();

        var decision = machine.Release(At);

        Assert.Equal([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup("released by admin", true)], decision.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(AdminPreference.StayBackup, machine.Preference);
        Assert.Equal(At + Dead, machine.NextDeadline);
    }

    [Fact]
    public void A_released_node_does_not_preempt_a_worse_master()
    {
        var machine = Master(preempt: true);
        machine.Release(At);

        var decision = machine.OnAdvertisement(At + Seconds(1), Advert(HigherPeer, 1, 200));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void A_released_node_still_takes_over_when_no_master_is_heard()
    {
        var machine = Master();
        machine.Release(At);

        var decision = machine.OnTimer(At + Dead);

        Assert.Contains(decision.Outputs, o => o is BecomeMaster);
    }

    [Fact]
    public void Release_as_backup_only_stops_preemption()
    {
        var machine = Backup(preempt: true);

        Assert.True(machine.Release(StartedAt + Seconds(1)).IsEmpty);
        Assert.True(machine.OnAdvertisement(StartedAt + Seconds(2), Advert(HigherPeer, 1, 200)).IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Takeover_as_backup_becomes_master_at_once_advertising_advskew_0()
    {
        var machine = Backup();
        machine.OnAdvertisement(StartedAt + Seconds(1), Advert(LowerPeer, 1, 20));

        Assert.True(machine.TryTakeOver(StartedAt + Seconds(2), out var decision, out var refusal), refusal);

        Assert.Equal(
            [new BecomeMaster("taken over by admin"), new SendAdvertisement(new CarpTiming(1, 0)), new SendGratuitousArp("takeover")],
            decision.Outputs);
        Assert.Equal(AdminPreference.StayMaster, machine.Preference);
        Assert.Equal(new CarpTiming(1, 0), machine.Timing);
    }

    [Fact]
    public void A_taken_over_master_keeps_the_vips_against_a_peer_better_than_its_configured_timing()
    {
        var machine = Master();
        Assert.True(machine.TryTakeOver(At, out var decision, out _));
        Assert.True(decision.IsEmpty);

        // advskew 20 beats our configured 50 but not the takeover's 0.
        var heard = machine.OnAdvertisement(At + Seconds(1), Advert(LowerPeer, 1, 20));

        Assert.Equal(CarpState.Master, machine.State);
        Assert.IsType<SendGratuitousArp>(Assert.Single(heard.Outputs));
        Assert.Equal([new SendAdvertisement(new CarpTiming(1, 0))], machine.OnTimer(At + Interval + Seconds(1)).Outputs);
    }

    [Fact]
    public void Takeover_is_refused_when_the_master_cannot_be_beaten()
    {
        var machine = Backup();
        machine.OnAdvertisement(StartedAt + Seconds(1), Advert(LowerPeer, 1, 0));

        Assert.False(machine.TryTakeOver(StartedAt + Seconds(2), out var decision, out var refusal));

        Assert.True(decision.IsEmpty);
        Assert.Contains("192.0.2.1", refusal);
        Assert.Equal(AdminPreference.None, machine.Preference);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Takeover_wins_an_equal_timing_tie_against_a_higher_address()
    {
        var machine = Backup();
        machine.OnAdvertisement(StartedAt + Seconds(1), Advert(HigherPeer, 1, 0));

        Assert.True(machine.TryTakeOver(StartedAt + Seconds(2), out _, out _));
        Assert.Equal(CarpState.Master, machine.State);
    }

    [Fact]
    public void Takeover_with_the_link_down_waits_for_the_link()
    {
        var machine = Backup();
        machine.OnLinkDown(StartedAt + Seconds(1));

        Assert.True(machine.TryTakeOver(StartedAt + Seconds(2), out var decision, out _));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(AdminPreference.StayMaster, machine.Preference);
    }

    [Fact]
    public void Release_after_takeover_bows_out_and_clear_restores_the_configured_timing()
    {
        var machine = Master();
        machine.TryTakeOver(At, out _, out _);

        machine.Release(At + Seconds(1));
        Assert.Equal(AdminPreference.StayBackup, machine.Preference);
        Assert.Equal(new CarpTiming(1, 50), machine.Timing);

        machine.Clear(At + Seconds(2));
        Assert.Equal(AdminPreference.None, machine.Preference);
    }

    [Fact]
    public void Admin_commands_do_nothing_before_start_or_after_shutdown()
    {
        var fresh = new CarpStateMachine(Settings());
        Assert.True(fresh.Release(StartedAt).IsEmpty);
        Assert.False(fresh.TryTakeOver(StartedAt, out _, out _));

        var stopped = Master();
        stopped.Shutdown(At);
        Assert.True(stopped.Release(At).IsEmpty);
        Assert.False(stopped.TryTakeOver(At, out _, out var refusal));
        Assert.Equal("the group is not running", refusal);
    }
}
