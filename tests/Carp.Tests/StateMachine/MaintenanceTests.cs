using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

public sealed class MaintenanceTests
{
    private static readonly TimeSpan At = MasterSince + Seconds(5);

    [Fact]
    public void A_frozen_master_keeps_advertising()
    {
        var machine = Master();
        Assert.True(machine.SetFrozen(At, true).IsEmpty);

        var deadline = machine.NextDeadline!.Value;
        var decision = machine.OnTimer(deadline);

        Assert.Contains(new SendAdvertisement(OurTiming), decision.Outputs);
        Assert.Equal(CarpState.Master, machine.State);
        Assert.True(machine.IsFrozen);
    }

    [Fact]
    public void A_frozen_master_does_not_yield_to_a_preferred_master_and_says_so_once()
    {
        var machine = Master();
        machine.SetFrozen(At, true);

        var first = machine.OnAdvertisement(At + Seconds(1), Advert(LowerPeer, 1, 0));
        var second = machine.OnAdvertisement(At + Seconds(2), Advert(LowerPeer, 1, 0));

        Assert.Equal([new TransitionWithheld(CarpState.Backup, "preferred master 192.0.2.1 advertised (advbase 1 advskew 0)")], first.Outputs);
        Assert.True(second.IsEmpty);
        Assert.Equal(CarpState.Master, machine.State);
        Assert.NotNull(machine.NextDeadline);
    }

    [Fact]
    public void A_frozen_backup_does_not_take_over_when_the_master_goes_silent()
    {
        var machine = Backup();
        machine.SetFrozen(StartedAt + Seconds(1), true);

        var decision = machine.OnTimer(machine.NextDeadline!.Value);

        Assert.Equal([new TransitionWithheld(CarpState.Master, "no advertisement for 3.195312 s")], decision.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Null(machine.NextDeadline);
    }

    [Fact]
    public void At_thaw_a_backup_whose_master_stayed_silent_takes_over_at_once()
    {
        var machine = Backup();
        machine.SetFrozen(StartedAt + Seconds(1), true);
        machine.OnTimer(machine.NextDeadline!.Value);

        var decision = machine.SetFrozen(StartedAt + Seconds(60), false);

        Assert.IsType<BecomeMaster>(decision.Outputs[0]);
        Assert.Equal("no advertisement for 3.195312 s (withheld during maintenance)", ((BecomeMaster)decision.Outputs[0]).Reason);
        Assert.Equal(CarpState.Master, machine.State);
        Assert.False(machine.IsFrozen);
    }

    [Fact]
    public void At_thaw_a_backup_that_hears_its_master_again_stays_backup_and_rearms_its_timer()
    {
        var machine = Backup();
        machine.SetFrozen(StartedAt + Seconds(1), true);
        machine.OnTimer(machine.NextDeadline!.Value);
        machine.OnAdvertisement(StartedAt + Seconds(30), Advert(LowerPeer, 1, 0));

        var decision = machine.SetFrozen(StartedAt + Seconds(31), false);

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(StartedAt + Seconds(30) + Dead, machine.NextDeadline);
    }

    [Fact]
    public void A_frozen_master_made_ineligible_stays_master_until_thaw_then_bows_out()
    {
        var machine = Master();
        machine.SetFrozen(At, true);

        var frozen = machine.SetEligible(At + Seconds(1), false, "standby");
        Assert.Equal([new TransitionWithheld(CarpState.Backup, "not eligible: standby")], frozen.Outputs);
        Assert.Equal(CarpState.Master, machine.State);

        var thawed = machine.SetFrozen(At + Seconds(2), false);

        Assert.Equal([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup("not eligible: standby", true)], thawed.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void A_frozen_master_released_by_the_admin_bows_out_at_thaw()
    {
        var machine = Master();
        machine.SetFrozen(At, true);

        Assert.Equal([new TransitionWithheld(CarpState.Backup, "released by admin")], machine.Release(At + Seconds(1)).Outputs);
        Assert.Equal(AdminPreference.StayBackup, machine.Preference);
        Assert.Equal(CarpState.Master, machine.State);

        Assert.Equal([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup("released by admin", true)],
            machine.SetFrozen(At + Seconds(2), false).Outputs);
    }

    [Fact]
    public void A_frozen_master_losing_its_link_stays_master_resumes_adverts_at_link_up_and_steps_down_at_thaw_if_still_down()
    {
        var machine = Master();
        machine.SetFrozen(At, true);

        Assert.Equal([new TransitionWithheld(CarpState.Backup, "link down")], machine.OnLinkDown(At + Seconds(1)).Outputs);
        Assert.Equal(CarpState.Master, machine.State);
        Assert.Null(machine.NextDeadline);
        machine.OnLinkUp(At + Seconds(2));
        Assert.Equal(At + Seconds(2) + Interval, machine.NextDeadline);
        machine.OnLinkDown(At + Seconds(3));

        var thawed = machine.SetFrozen(At + Seconds(4), false);

        Assert.Equal([new BecomeBackup("link down", true)], thawed.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void A_frozen_backup_does_not_take_over_from_a_master_bowing_out_but_does_at_thaw()
    {
        var machine = Backup();
        machine.SetFrozen(StartedAt + Seconds(1), true);

        var decision = machine.OnAdvertisement(StartedAt + Seconds(2), Advert(LowerPeer, 255, 255));

        Assert.IsType<TransitionWithheld>(Assert.Single(decision.Outputs));
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.IsType<BecomeMaster>(machine.SetFrozen(StartedAt + Seconds(3), false).Outputs[0]);
    }

    [Fact]
    public void An_admin_takeover_of_a_frozen_backup_is_recorded_and_carried_out_at_thaw()
    {
        var machine = Backup();
        machine.OnAdvertisement(StartedAt + Seconds(1), Advert(HigherPeer, 1, 100));
        machine.SetFrozen(StartedAt + Seconds(1), true);

        Assert.True(machine.TryTakeOver(StartedAt + Seconds(2), out var decision, out _));

        Assert.Equal(AdminPreference.StayMaster, machine.Preference);
        Assert.IsType<TransitionWithheld>(Assert.Single(decision.Outputs));
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.IsType<BecomeMaster>(machine.SetFrozen(StartedAt + Seconds(3), false).Outputs[0]);
    }

    [Fact]
    public void A_machine_started_frozen_runs_no_on_backup_chain_and_never_takes_over()
    {
        var machine = new CarpStateMachine(Settings());
        machine.SetFrozen(StartedAt, true);

        Assert.Equal([new BecomeBackup("startup", RunHooks: false)], machine.Start(StartedAt).Outputs);
        machine.OnTimer(machine.NextDeadline!.Value);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void A_frozen_master_still_bows_out_at_shutdown()
    {
        var machine = Master();
        machine.SetFrozen(At, true);

        Assert.Equal([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup("shutdown", true)], machine.Shutdown(At + Seconds(1)).Outputs);
    }

    [Fact]
    public void Thawing_an_eligible_master_changes_nothing()
    {
        var machine = Master();
        machine.SetFrozen(At, true);

        Assert.True(machine.SetFrozen(At + Seconds(1), false).IsEmpty);
        Assert.Equal(CarpState.Master, machine.State);
    }

    [Fact]
    public void A_released_node_that_became_master_because_no_master_was_heard_stays_master_at_thaw()
    {
        var machine = Backup();
        machine.Release(StartedAt + Seconds(1));
        machine.OnTimer(machine.NextDeadline!.Value);
        Assert.Equal(CarpState.Master, machine.State);
        var at = machine.NextDeadline!.Value;
        machine.SetFrozen(at, true);

        Assert.True(machine.SetFrozen(at + Seconds(1), false).IsEmpty);
        Assert.Equal(CarpState.Master, machine.State);
    }
}
