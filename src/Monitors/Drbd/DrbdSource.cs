namespace Failover.Monitors.Drbd;

/// <summary>Where a <see cref="DrbdProbe"/> reads the DRBD state.</summary>
public enum DrbdSource
{
    /// <summary>DRBD 8.x: read /proc/drbd, which lists minors (9.x no longer lists resources there); optionally
    /// follow the kernel log for split brain (<see cref="DrbdProbeOptions.KernelLogPath"/>).</summary>
    ProcDrbd,

    /// <summary>DRBD 9.x: one long-running <c>drbdsetup events2 all</c>, whose stream keeps the state current between
    /// runs; a change that flips the verdict asks for a run at once.</summary>
    Events2,

    /// <summary>DRBD 9.x: run <c>drbdsetup events2 --now all</c> on every run, which dumps the state and exits.</summary>
    Events2Now,
}
