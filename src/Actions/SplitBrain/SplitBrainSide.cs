namespace Failover.Actions.SplitBrain;

/// <summary>One node's view of a resource, as the planner needs it.</summary>
/// <param name="Node">The node's name (node: name).</param>
/// <param name="Reported">DRBD reported the split brain on this node (events2 helper, kernel log).</param>
/// <param name="ConnectionState">As DRBD prints it ("StandAlone", "Connecting", …).</param>
/// <param name="Primary">DRBD Primary now.</param>
/// <param name="LastPrimary">The last time this node was seen Primary (its own clock, persisted); null: never recorded.</param>
public sealed record SplitBrainSide(string Node, bool Reported, string ConnectionState, bool Primary, DateTimeOffset? LastPrimary)
{
    /// <summary>The node is MASTER of the group (holds its VIPs) now: as a victim it hands them over first.</summary>
    public bool Master { get; init; }

    public bool IsStandAlone => ConnectionState == "StandAlone";

    /// <summary>Still talking to its peer: DRBD reports the split brain before it drops the connection, and a plan
    /// made from that moment's states would be wrong for the moment after (8.4's sequence depends on them).</summary>
    public bool IsStillConnected => ConnectionState is "Connected" or "WFReportParams" or "StartingSyncS" or "StartingSyncT"
        or "WFBitMapS" or "WFBitMapT" or "WFSyncUUID" or "SyncSource" or "SyncTarget" or "PausedSyncS" or "PausedSyncT"
        or "VerifyS" or "VerifyT" or "Ahead" or "Behind";
}
