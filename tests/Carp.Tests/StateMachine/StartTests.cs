using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

public sealed class StartTests
{
    [Fact]
    public void New_machine_is_in_init_with_no_timer()
    {
        var machine = new CarpStateMachine(Settings());

        Assert.Equal(CarpState.Init, machine.State);
        Assert.Null(machine.NextDeadline);
        Assert.Null(machine.LastMasterSeen);
        Assert.Null(machine.LastTransitionReason);
        Assert.Null(machine.LastTransitionAt);
        Assert.True(machine.IsLinkUp);
        Assert.False(machine.IsStopped);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Start_goes_backup_and_runs_down_hooks_unless_neutral(bool neutral, bool runHooks)
    {
        var machine = new CarpStateMachine(Settings(neutral: neutral));

        var decision = machine.Start(StartedAt);

        Assert.Equal([new BecomeBackup("startup", runHooks)], decision.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Equal(StartedAt + Dead, machine.NextDeadline);
        Assert.Equal("startup", machine.LastTransitionReason);
        Assert.Equal(StartedAt, machine.LastTransitionAt);
    }

    [Fact]
    public void Start_twice_does_nothing_the_second_time()
    {
        var machine = Backup();

        var decision = machine.Start(StartedAt + Seconds(1));

        Assert.True(decision.IsEmpty);
        Assert.Equal(StartedAt + Dead, machine.NextDeadline);
    }

    [Fact]
    public void Start_while_master_does_nothing()
    {
        var machine = Master();

        Assert.True(machine.Start(MasterSince + Seconds(1)).IsEmpty);
        Assert.Equal(CarpState.Master, machine.State);
    }

    [Fact]
    public void Calls_before_start_have_no_outputs_and_leave_init()
    {
        var machine = new CarpStateMachine(Settings(preempt: true));

        Assert.True(machine.OnTimer(Seconds(1000)).IsEmpty);
        Assert.True(machine.OnAdvertisement(Seconds(1), Advert(HigherPeer, 255, 255)).IsEmpty);
        Assert.True(machine.OnAdvertisement(Seconds(1), Advert(HigherPeer, 9, 0)).IsEmpty);
        Assert.True(machine.OnLinkDown(Seconds(2)).IsEmpty);
        Assert.True(machine.OnLinkUp(Seconds(3)).IsEmpty);

        Assert.Equal(CarpState.Init, machine.State);
        Assert.Null(machine.NextDeadline);
        Assert.Null(machine.LastMasterSeen);
    }

    [Fact]
    public void Start_with_link_down_arms_no_timer_until_link_up()
    {
        var machine = new CarpStateMachine(Settings());
        machine.OnLinkDown(Seconds(1));

        var decision = machine.Start(StartedAt);

        Assert.Equal([new BecomeBackup("startup", true)], decision.Outputs);
        Assert.Null(machine.NextDeadline);
        Assert.True(machine.OnTimer(StartedAt + Seconds(3600)).IsEmpty);

        machine.OnLinkUp(StartedAt + Seconds(3600));
        Assert.Equal(StartedAt + Seconds(3600) + Dead, machine.NextDeadline);
    }
}
