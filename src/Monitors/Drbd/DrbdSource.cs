namespace Failover.Monitors.Drbd;

/// <summary>Where a <see cref="DrbdProbe"/> reads the DRBD state.</summary>
public enum DrbdSource
{
    /// <summary>DRBD 8.x: read /proc/drbd, which lists minors (9.x no longer lists resources there).</summary>
    ProcDrbd,

    /// <summary>DRBD 9.x: run <c>drbdsetup events2 --now all</c>, which dumps the state and exits.</summary>
    Events2,
}
