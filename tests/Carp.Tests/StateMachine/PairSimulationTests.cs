using System.Net;
using Failover.Carp.StateMachine;

namespace Failover.Carp.Tests.StateMachine;

/// <summary>Two machines wired back to back: each advert one sends, the other hears at the same instant.</summary>
public sealed class PairSimulationTests
{
    private static readonly IPAddress AddressA = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress AddressB = IPAddress.Parse("192.0.2.20");

    private readonly CarpStateMachine _a = new(new CarpSettings(7, new CarpTiming(1, 0), AddressA, Preempt: true));
    private readonly CarpStateMachine _b = new(new CarpSettings(7, new CarpTiming(1, 100), AddressB, Preempt: true));
    private readonly List<string> _log = [];
    private bool _wireUp = true;

    [Fact]
    public void Preferred_node_becomes_master_and_the_other_stays_backup()
    {
        Deliver(_a, TimeSpan.Zero, _a.Start(TimeSpan.Zero));
        Deliver(_b, TimeSpan.Zero, _b.Start(TimeSpan.Zero));

        RunUntil(TimeSpan.FromSeconds(60));

        Assert.Equal(CarpState.Master, _a.State);
        Assert.Equal(CarpState.Backup, _b.State);
        Assert.Equal(AddressA, _b.LastMasterSeen);
        Assert.Equal(["A master at 3s"], _log.Where(l => l.Contains("master")));
    }

    [Fact]
    public void Backup_takes_over_a_dead_interval_after_the_wire_is_cut_and_a_split_brain_heals_on_reconnect()
    {
        Deliver(_a, TimeSpan.Zero, _a.Start(TimeSpan.Zero));
        Deliver(_b, TimeSpan.Zero, _b.Start(TimeSpan.Zero));
        RunUntil(TimeSpan.FromSeconds(10));

        _wireUp = false;
        RunUntil(TimeSpan.FromSeconds(20));
        Assert.Equal(CarpState.Master, _a.State);
        Assert.Equal(CarpState.Master, _b.State);

        _wireUp = true;
        RunUntil(TimeSpan.FromSeconds(30));
        Assert.Equal(CarpState.Master, _a.State);
        Assert.Equal(CarpState.Backup, _b.State);
        // A advertised at 3, 4, …, 10 s; B heard the one at 10 s and took over 3 s + 100/256 s later.
        Assert.Contains("B master at 13.390625s", _log);
        Assert.Contains(_log, l => l.StartsWith("A garp reassert", StringComparison.Ordinal));
    }

    [Fact]
    public void Master_shutdown_hands_over_at_once()
    {
        Deliver(_a, TimeSpan.Zero, _a.Start(TimeSpan.Zero));
        Deliver(_b, TimeSpan.Zero, _b.Start(TimeSpan.Zero));
        RunUntil(TimeSpan.FromSeconds(10));

        Deliver(_a, TimeSpan.FromSeconds(10), _a.Shutdown(TimeSpan.FromSeconds(10)));

        Assert.Equal(CarpState.Master, _b.State);
        Assert.Contains("B master at 10s", _log);
    }

    [Fact]
    public void An_ineligible_master_hands_over_at_once_and_takes_back_only_when_eligible_again()
    {
        Deliver(_a, TimeSpan.Zero, _a.Start(TimeSpan.Zero));
        Deliver(_b, TimeSpan.Zero, _b.Start(TimeSpan.Zero));
        RunUntil(TimeSpan.FromSeconds(10));

        Deliver(_a, TimeSpan.FromSeconds(10), _a.SetEligible(TimeSpan.FromSeconds(10), false, "vip-up failed"));
        Assert.Equal(CarpState.Master, _b.State);
        Assert.Contains("B master at 10s", _log);

        // A is preferred and preempts, but not while it is ineligible.
        RunUntil(TimeSpan.FromSeconds(60));
        Assert.Equal(CarpState.Backup, _a.State);
        Assert.Equal(CarpState.Master, _b.State);

        Deliver(_a, TimeSpan.FromSeconds(60), _a.SetEligible(TimeSpan.FromSeconds(60), true, ""));
        RunUntil(TimeSpan.FromSeconds(62));
        Assert.Equal(CarpState.Master, _a.State);
        Assert.Equal(CarpState.Backup, _b.State);
    }

    private void RunUntil(TimeSpan end)
    {
        while (Next() is { } next && next.Deadline <= end)
        {
            Deliver(next.Machine, next.Deadline, next.Machine.OnTimer(next.Deadline));
        }
    }

    private (CarpStateMachine Machine, TimeSpan Deadline)? Next()
    {
        (CarpStateMachine, TimeSpan)? best = null;
        foreach (var machine in new[] { _a, _b })
        {
            if (machine.NextDeadline is { } d && (best is null || d < best.Value.Item2))
            {
                best = (machine, d);
            }
        }
        return best;
    }

    private void Deliver(CarpStateMachine from, TimeSpan now, CarpDecision decision)
    {
        var name = from == _a ? "A" : "B";
        var source = from == _a ? AddressA : AddressB;
        var peer = from == _a ? _b : _a;
        foreach (var output in decision.Outputs)
        {
            switch (output)
            {
                case BecomeMaster:
                    _log.Add($"{name} master at {now.TotalSeconds:0.######}s");
                    break;
                case SendGratuitousArp garp:
                    _log.Add($"{name} garp {garp.Reason}");
                    break;
                case SendAdvertisement advert when _wireUp:
                    Deliver(peer, now, peer.OnAdvertisement(now, new PeerAdvertisement(source, advert.Timing)));
                    break;
            }
        }
    }
}
