namespace Failover.Monitors.Drbd;

/// <summary>DRBD's state words to enums. Explicit tables rather than Enum.TryParse, which would accept "5" or
/// "uptodate".</summary>
public static class DrbdStateNames
{
    public static bool TryParseRole(ReadOnlySpan<char> text, out DrbdRole role)
    {
        role = text switch
        {
            "Primary" => DrbdRole.Primary,
            "Secondary" => DrbdRole.Secondary,
            "Unknown" => DrbdRole.Unknown,
            _ => (DrbdRole)(-1),
        };
        if ((int)role >= 0) return true;
        role = DrbdRole.Unknown;
        return false;
    }

    public static bool TryParseDisk(ReadOnlySpan<char> text, out DrbdDiskState disk)
    {
        disk = text switch
        {
            "Diskless" => DrbdDiskState.Diskless,
            "Attaching" => DrbdDiskState.Attaching,
            "Detaching" => DrbdDiskState.Detaching,
            "Failed" => DrbdDiskState.Failed,
            "Negotiating" => DrbdDiskState.Negotiating,
            "Inconsistent" => DrbdDiskState.Inconsistent,
            "Outdated" => DrbdDiskState.Outdated,
            "DUnknown" => DrbdDiskState.DUnknown,
            "Consistent" => DrbdDiskState.Consistent,
            "UpToDate" => DrbdDiskState.UpToDate,
            _ => (DrbdDiskState)(-1),
        };
        if ((int)disk >= 0) return true;
        disk = DrbdDiskState.DUnknown;
        return false;
    }

    /// <summary>Classifies a connection state as DRBD prints it (8.x <c>cs:</c>, 9.x <c>connection:</c> or
    /// <c>replication:</c>).</summary>
    public static DrbdConnectionKind Classify(string connectionState) => connectionState switch
    {
        "Unconfigured" => DrbdConnectionKind.Unconfigured,
        "StandAlone" or "Disconnecting" or "Unconnected" or "Timeout" or "BrokenPipe" or "NetworkFailure"
            or "ProtocolError" or "TearDown" => DrbdConnectionKind.Disconnected,
        "WFConnection" or "WFReportParams" or "Connecting" or "Off" => DrbdConnectionKind.Waiting,
        "Connected" or "Established" or "VerifyS" or "VerifyT" => DrbdConnectionKind.Connected,
        "StartingSyncS" or "StartingSyncT" or "WFBitMapS" or "WFBitMapT" or "WFSyncUUID" or "SyncSource"
            or "SyncTarget" or "PausedSyncS" or "PausedSyncT" or "Ahead" or "Behind" => DrbdConnectionKind.Syncing,
        _ => DrbdConnectionKind.Unknown,
    };
}
