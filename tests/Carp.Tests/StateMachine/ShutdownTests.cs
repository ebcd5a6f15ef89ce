using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

public sealed class ShutdownTests
{
    [Fact]
    public void Master_bows_out_then_goes_backup()
    {
        var machine = Master();
        var at = MasterSince + Seconds(7);

        var decision = machine.Shutdown(at);

        Assert.Equal(
            [new SendAdvertisement(new CarpTiming(255, 255)), new BecomeBackup("shutdown", true)],
            decision.Outputs);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.True(machine.IsStopped);
        Assert.Null(machine.NextDeadline);
        Assert.Equal("shutdown", machine.LastTransitionReason);
        Assert.Equal(at, machine.LastTransitionAt);
    }

    [Fact]
    public void Backup_stops_silently()
    {
        var machine = Backup();

        var decision = machine.Shutdown(StartedAt + Seconds(1));

        Assert.True(decision.IsEmpty);
        Assert.Equal(CarpState.Backup, machine.State);
        Assert.True(machine.IsStopped);
        Assert.Null(machine.NextDeadline);
        Assert.Equal("startup", machine.LastTransitionReason);
    }

    [Fact]
    public void Init_stops_silently_and_cannot_start_afterwards()
    {
        var machine = new CarpStateMachine(Settings());

        Assert.True(machine.Shutdown(Seconds(1)).IsEmpty);
        Assert.True(machine.Start(Seconds(2)).IsEmpty);
        Assert.Equal(CarpState.Init, machine.State);
        Assert.Null(machine.NextDeadline);
    }

    [Fact]
    public void Every_call_after_shutdown_is_ignored()
    {
        var machine = Master(preempt: true);
        var at = MasterSince + Seconds(1);
        machine.Shutdown(at);

        Assert.True(machine.Shutdown(at + Seconds(1)).IsEmpty);
        Assert.True(machine.Start(at + Seconds(2)).IsEmpty);
        Assert.True(machine.OnTimer(at + Seconds(3600)).IsEmpty);
        Assert.True(machine.OnAdvertisement(at + Seconds(3), new PeerAdvertisement(HigherPeer, CarpTiming.BowOut)).IsEmpty);
        Assert.True(machine.OnAdvertisement(at + Seconds(4), Advert(LowerPeer, 0, 1)).IsEmpty);
        Assert.True(machine.OnLinkDown(at + Seconds(5)).IsEmpty);
        Assert.True(machine.OnLinkUp(at + Seconds(6)).IsEmpty);

        Assert.Equal(CarpState.Backup, machine.State);
        Assert.Null(machine.NextDeadline);
        Assert.Equal(at, machine.LastTransitionAt);
    }

    [Fact]
    public void Shutdown_with_link_down_sends_nothing()
    {
        var machine = Master();
        machine.OnLinkDown(MasterSince + Seconds(1));

        Assert.True(machine.Shutdown(MasterSince + Seconds(2)).IsEmpty);
        Assert.True(machine.IsStopped);
    }

    [Fact]
    public void Our_bow_out_advert_makes_a_peer_backup_take_over_at_once()
    {
        var master = Master();
        var peer = Backup(Settings(timing: new CarpTiming(1, 100)));
        var at = MasterSince + Seconds(1);

        var bowOut = Assert.IsType<SendAdvertisement>(master.Shutdown(at).Outputs[0]);
        var decision = peer.OnAdvertisement(at, new PeerAdvertisement(Ours, bowOut.Timing));

        Assert.Contains(new BecomeMaster("master 192.0.2.2 bowed out (advbase 255 advskew 255)"), decision.Outputs);
    }
}
