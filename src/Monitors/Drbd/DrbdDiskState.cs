namespace Failover.Monitors.Drbd;

/// <summary>A disk state as DRBD names it. <see cref="DUnknown"/> (DRBD's own "unknown", shown for an unreachable
/// peer) is the default, and also what absent or unrecognised text maps to: unknown is never UpToDate.</summary>
public enum DrbdDiskState
{
    DUnknown = 0,
    Diskless,
    Attaching,
    Detaching,
    Failed,
    Negotiating,
    Inconsistent,
    Outdated,
    Consistent,
    UpToDate,
}
