using System.Net;

namespace Failover.Carp.StateMachine;

/// <summary>What one CARP node is configured with, as far as the state machine cares.</summary>
/// <param name="Vhid">Virtual host id, 1..255.</param>
/// <param name="Timing">Our advbase/advskew; smaller is the preferred master.</param>
/// <param name="Source">Our IPv4 source address; used for the master tie-break.</param>
/// <param name="DeadRatio">Master-down interval in advbase units (ucarp --deadratio, default 3).</param>
/// <param name="Preempt">Take over at once from a master whose timing is worse than ours.</param>
/// <param name="Neutral">Don't run the down hooks at startup (ucarp --neutral).</param>
public sealed record CarpSettings(
    byte Vhid,
    CarpTiming Timing,
    IPAddress Source,
    int DeadRatio = 3,
    bool Preempt = false,
    bool Neutral = false)
{
    /// <summary>
    /// How long a backup waits without adverts before taking over:
    /// DeadRatio × advbase + advskew/256 s (the skew is added once, as ucarp does).
    /// </summary>
    public TimeSpan DeadInterval => TimeSpan.FromSeconds((long)DeadRatio * Timing.AdvBase) + Timing.SkewTime;
}
