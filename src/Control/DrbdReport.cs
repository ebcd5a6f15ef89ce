namespace Failover.Control;

/// <summary>One DRBD device a group's drbd monitor reads, as DRBD last reported it.</summary>
/// <param name="Resource">The fact name: the 9.x resource (<c>r0</c>, <c>r0/1</c> for volume 1) or the 8.x minor (<c>minor0</c>).</param>
/// <param name="Connection">As DRBD prints it: Connected, SyncSource, StandAlone, Unconfigured, …</param>
/// <param name="Role">This node's role: Primary, Secondary or Unknown.</param>
/// <param name="Disk">This node's disk: UpToDate, Outdated, Inconsistent, DUnknown, …</param>
/// <param name="SyncPercent">How far a resync or verify is; null when none runs.</param>
public sealed record DrbdReport(
    string Resource,
    string Connection,
    string Role,
    string PeerRole,
    string Disk,
    string PeerDisk,
    double? SyncPercent,
    bool SplitBrain);
