using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

public sealed class EligibilityTests
{
    private const string Why = "on_master step 2 (mount /dev/drbd0 on /srv) failed: exit 32";
    private static readonly TimeSpan At = MasterSince + Seconds(5);

    [Fact]
    public void An_ineligible_master_bows_out_and_goes_backup_without_a_master_down_timer()
    {
        var machine = Master();

        var decision = machine.SetEligible(At, false, Why);

        Assert.Equal([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup($"not eligible: {Why}", true)], decision.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.False(machine.IsEligible);
        Assert.Equal(Why, machine.IneligibleReason);
        Assert.Equal($"not eligible: {Why}", machine.LastTransitionReason);
        Assert.Null(machine.NextDeadline);
    }

    [Fact]
    public void An_ineligible_backup_disarms_its_master_down_timer_and_never_takes_over()
    {
        var machine = Backup();

        Assert.True(machine.SetEligible(StartedAt + Seconds(1), false, Why).IsEmpty);

        Assert.Null(machine.NextDeadline);
        Assert.True(machine.OnTimer(StartedAt + Seconds(60)).IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void An_ineligible_backup_does_not_take_over_from_a_master_bowing_out()
    {
        var machine = Backup();
        machine.SetEligible(StartedAt + Seconds(1), false, Why);

        var decision = machine.OnAdvertisement(StartedAt + Seconds(2), Advert(LowerPeer, 255, 255));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(LowerPeer, machine.LastMasterSeen);
        Assert.Null(machine.NextDeadline);
    }

    [Fact]
    public void An_ineligible_backup_does_not_preempt_a_worse_master()
    {
        var machine = Backup(preempt: true);
        machine.SetEligible(StartedAt + Seconds(1), false, Why);

        Assert.True(machine.OnAdvertisement(StartedAt + Seconds(2), Advert(HigherPeer, 1, 200)).IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Admin_takeover_of_an_ineligible_node_is_refused_with_the_reason_and_changes_nothing()
    {
        var machine = Backup();
        machine.SetEligible(StartedAt + Seconds(1), false, Why);

        Assert.False(machine.TryTakeOver(StartedAt + Seconds(2), out var decision, out var refusal));

        Assert.True(decision.IsEmpty);
        Assert.Equal($"this node is not eligible: {Why}", refusal);
        Assert.Equal(AdminPreference.None, machine.Preference);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Eligible_again_a_backup_arms_its_master_down_timer_and_takes_over_if_no_master_is_heard()
    {
        var machine = Master();
        machine.SetEligible(At, false, Why);
        var again = At + Seconds(300);

        Assert.True(machine.SetEligible(again, true, "hold expired").IsEmpty);

        Assert.True(machine.IsEligible);
        Assert.Null(machine.IneligibleReason);
        Assert.Equal(again + Dead, machine.NextDeadline);
        Assert.True(machine.OnTimer(again + Dead - Seconds(0, 1)).IsEmpty);
        Assert.Contains(machine.OnTimer(again + Dead).Outputs, o => o is BecomeMaster);
    }

    [Fact]
    public void Eligible_again_a_backup_hearing_its_master_stays_backup()
    {
        var machine = Backup();
        machine.SetEligible(StartedAt + Seconds(1), false, Why);
        machine.SetEligible(StartedAt + Seconds(10), true, "");

        for (var t = 11; t < 30; t++)
            Assert.True(machine.OnAdvertisement(StartedAt + Seconds(t), Advert(LowerPeer, 1, 0)).IsEmpty);
        Assert.True(machine.OnTimer(StartedAt + Seconds(30)).IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Eligible_again_a_preempting_backup_takes_over_from_a_worse_master_on_its_next_advert()
    {
        var machine = Backup(preempt: true);
        machine.SetEligible(StartedAt + Seconds(1), false, Why);
        machine.SetEligible(StartedAt + Seconds(2), true, "");

        var decision = machine.OnAdvertisement(StartedAt + Seconds(3), Advert(HigherPeer, 1, 200));

        Assert.Contains(decision.Outputs, o => o is BecomeMaster);
    }

    [Fact]
    public void Repeating_ineligibility_only_updates_the_reason()
    {
        var machine = Master();
        machine.SetEligible(At, false, Why);

        Assert.True(machine.SetEligible(At + Seconds(1), false, "rule samba-down").IsEmpty);

        Assert.Equal("rule samba-down", machine.IneligibleReason);
        Assert.Equal($"not eligible: {Why}", machine.LastTransitionReason);
        Assert.Equal(CarpState.Backup, machine.State);
    }

    [Fact]
    public void Eligible_while_eligible_changes_nothing()
    {
        var machine = Backup();
        var deadline = machine.NextDeadline;

        Assert.True(machine.SetEligible(StartedAt + Seconds(1), true, "").IsEmpty);

        Assert.Equal(deadline, machine.NextDeadline);
    }

    [Fact]
    public void Ineligible_before_start_starts_backup_without_a_timer()
    {
        var machine = new CarpStateMachine(Settings());
        Assert.True(machine.SetEligible(StartedAt, false, Why).IsEmpty);

        machine.Start(StartedAt);

        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Null(machine.NextDeadline);
    }

    [Fact]
    public void The_link_returning_to_an_ineligible_backup_arms_no_timer_and_eligibility_without_link_arms_none_either()
    {
        var machine = Backup();
        machine.OnLinkDown(StartedAt + Seconds(1));
        machine.SetEligible(StartedAt + Seconds(2), false, Why);

        machine.OnLinkUp(StartedAt + Seconds(3));
        Assert.Null(machine.NextDeadline);

        machine.OnLinkDown(StartedAt + Seconds(4));
        machine.SetEligible(StartedAt + Seconds(5), true, "");
        Assert.Null(machine.NextDeadline);

        machine.OnLinkUp(StartedAt + Seconds(6));
        Assert.Equal(StartedAt + Seconds(6) + Dead, machine.NextDeadline);
    }

    [Fact]
    public void A_taken_over_master_that_becomes_ineligible_bows_out_and_keeps_the_admin_preference()
    {
        var machine = Master();
        machine.TryTakeOver(At, out _, out _);

        var decision = machine.SetEligible(At + Seconds(1), false, Why);

        Assert.Contains(decision.Outputs, o => o is BecomeBackup);
        Assert.Equal(AdminPreference.StayMaster, machine.Preference);
    }

    [Fact]
    public void Eligibility_changes_nothing_after_shutdown()
    {
        var machine = Master();
        machine.Shutdown(At);

        Assert.True(machine.SetEligible(At + Seconds(1), false, Why).IsEmpty);
        Assert.True(machine.IsEligible);
    }
}
