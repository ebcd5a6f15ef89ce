namespace Failover.Monitors.Drbd;

/// <summary>The few connection situations a failover decision cares about, classified from DRBD's many
/// connection (and, in 9.x, replication) states by <see cref="DrbdStateNames.Classify"/>.</summary>
public enum DrbdConnectionKind
{
    /// <summary>A state this code does not know.</summary>
    Unknown = 0,

    /// <summary>8.x minor that exists but has no configuration (<c>cs:Unconfigured</c>).</summary>
    Unconfigured,

    /// <summary>Not connected and not trying, or being torn down: StandAlone, Disconnecting, Unconnected, Timeout,
    /// BrokenPipe, NetworkFailure, ProtocolError, TearDown.</summary>
    Disconnected,

    /// <summary>Trying to reach the peer: WFConnection, WFReportParams, (9.x) Connecting, and (9.x) replication Off
    /// while Connected: the handshake with that peer device has not finished.</summary>
    Waiting,

    /// <summary>Replicating normally: Connected, (9.x) Established, and online verify (VerifyS/T), which does not
    /// stop replication.</summary>
    Connected,

    /// <summary>A resync is starting, running or paused, or replication lags (Ahead/Behind): StartingSyncS/T,
    /// WFBitMapS/T, WFSyncUUID, SyncSource, SyncTarget, PausedSyncS/T, Ahead, Behind.</summary>
    Syncing,
}
