using System.Net;
using Failover.Carp.StateMachine;

namespace Failover.Carp.Tests.StateMachine;

/// <summary>Machines in a known state at known times, and the numbers the tests check against.</summary>
internal static class Given
{
    public static readonly IPAddress Ours = IPAddress.Parse("192.0.2.2");
    public static readonly IPAddress LowerPeer = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress HigherPeer = IPAddress.Parse("192.0.2.3");

    /// <summary>advbase 1, advskew 50: interval 1 s + 50/256 s = 1.195312 s (truncated to µs).</summary>
    public static readonly CarpTiming OurTiming = new(1, 50);
    public static readonly TimeSpan Interval = Seconds(1, 195_312);
    public static readonly TimeSpan Dead = Seconds(3, 195_312);

    public static readonly TimeSpan StartedAt = TimeSpan.FromSeconds(100);

    public static TimeSpan Seconds(long seconds, long microseconds = 0) =>
        TimeSpan.FromSeconds(seconds) + TimeSpan.FromMicroseconds(microseconds);

    public static CarpSettings Settings(bool preempt = false, bool neutral = false, CarpTiming? timing = null, int deadRatio = 3) =>
        new(Vhid: 42, timing ?? OurTiming, Ours, deadRatio, preempt, neutral);

    public static CarpStateMachine Backup(bool preempt = false, CarpTiming? timing = null) =>
        Backup(Settings(preempt: preempt, timing: timing));

    public static CarpStateMachine Backup(CarpSettings settings)
    {
        var machine = new CarpStateMachine(settings);
        machine.Start(StartedAt);
        Assert.Equal(CarpState.Backup, machine.State);
        return machine;
    }

    /// <summary>A master that took over at <see cref="MasterSince"/> by master-down timeout.</summary>
    public static CarpStateMachine Master(bool preempt = false, CarpTiming? timing = null)
    {
        var machine = Backup(preempt, timing);
        machine.OnTimer(machine.NextDeadline!.Value);
        Assert.Equal(CarpState.Master, machine.State);
        return machine;
    }

    public static TimeSpan MasterSince => StartedAt + Dead;

    public static PeerAdvertisement Advert(IPAddress source, byte advbase, byte advskew) =>
        new(source, new CarpTiming(advbase, advskew));
}
