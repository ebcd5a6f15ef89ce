using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

/// <summary>OnTimer acts only on due deadlines, and a late call acts once.</summary>
public sealed class TimerTests
{
    [Fact]
    public void Early_call_in_backup_does_nothing()
    {
        var machine = Backup();

        Assert.True(machine.OnTimer(StartedAt).IsEmpty);
        Assert.True(machine.OnTimer(StartedAt + Seconds(3)).IsEmpty);
        Assert.Equal(StartedAt + Dead, machine.NextDeadline);
    }

    [Fact]
    public void Early_call_in_master_sends_no_advert()
    {
        var machine = Master();

        Assert.True(machine.OnTimer(MasterSince).IsEmpty);
        Assert.True(machine.OnTimer(MasterSince + Interval - TimeSpan.FromTicks(1)).IsEmpty);
        Assert.Equal(MasterSince + Interval, machine.NextDeadline);
    }

    [Fact]
    public void Late_master_down_acts_once_and_schedules_from_now()
    {
        var machine = Backup();
        var late = StartedAt + Seconds(60);

        var decision = machine.OnTimer(late);

        Assert.Equal(3, decision.Outputs.Count);
        Assert.Equal(late + Interval, machine.NextDeadline);
        Assert.Equal(late, machine.LastTransitionAt);
    }

    [Fact]
    public void Late_advert_timer_sends_one_advert_not_a_burst()
    {
        var machine = Master();
        var stalled = MasterSince + Seconds(30);

        var decision = machine.OnTimer(stalled);

        Assert.Single(decision.Outputs.OfType<SendAdvertisement>());
        Assert.Equal(stalled + Interval, machine.NextDeadline);
        Assert.True(machine.OnTimer(stalled).IsEmpty);
        Assert.True(machine.OnTimer(stalled + Interval - TimeSpan.FromTicks(1)).IsEmpty);
    }

    [Fact]
    public void Repeated_call_at_the_same_instant_acts_once()
    {
        var machine = Master();
        var at = MasterSince + Interval;

        Assert.False(machine.OnTimer(at).IsEmpty);
        Assert.True(machine.OnTimer(at).IsEmpty);
    }

    [Fact]
    public void No_timer_armed_before_start()
    {
        Assert.Null(new CarpStateMachine(Settings()).NextDeadline);
    }
}
