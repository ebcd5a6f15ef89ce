namespace Failover.Monitors.Drbd;

/// <summary>Progress of a resync or online verify. /proc/drbd gives all of it; events2 gives only the percentage
/// (<c>done:</c>), so everything but <see cref="Percent"/> may be null.</summary>
/// <param name="Percent">Share done, 0..100.</param>
/// <param name="RemainingKiB">Still to sync (8.x "(remaining/total)K", M converted to KiB).</param>
/// <param name="TotalKiB">Total to sync.</param>
/// <param name="Finish">Estimated time left (8.x "finish:"); null when DRBD prints "stalled".</param>
/// <param name="SpeedKiBPerSecond">Current speed (8.x "speed:").</param>
/// <param name="IsVerify">True for online verify (8.x "verified:" instead of "sync'ed:").</param>
public sealed record DrbdSyncProgress(
    double Percent,
    long? RemainingKiB = null,
    long? TotalKiB = null,
    TimeSpan? Finish = null,
    long? SpeedKiBPerSecond = null,
    bool IsVerify = false);
