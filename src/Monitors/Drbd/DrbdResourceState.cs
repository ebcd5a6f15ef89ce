namespace Failover.Monitors.Drbd;

/// <summary>
/// The state of one replicated device as a failover decision sees it: one 8.x minor from /proc/drbd, or one
/// 9.x (resource, volume) seen towards one peer (see <see cref="DrbdEvents2Model"/>).
/// </summary>
/// <remarks>
/// <see cref="ConnectionState"/> is the text DRBD prints, in the 8.x sense where connection and resync share one
/// word (<c>SyncSource</c>, <c>StandAlone</c>…). For 9.x the model folds <c>connection:</c> and
/// <c>replication:</c> into that one word: the replication state while connected and not simply Established,
/// the connection state otherwise.
/// <see cref="SplitBrain"/> comes from events2 (<c>call helper … helper:split-brain</c>) or, for /proc/drbd, which
/// cannot show a split brain (StandAlone with a DUnknown peer is also a plain <c>drbdadm disconnect</c>), from the
/// kernel log's "Split-Brain detected" (<see cref="DrbdKernelLogMatcher"/>, set with <c>with { SplitBrain = true }</c>).
/// </remarks>
public sealed record DrbdResourceState
{
    /// <summary>9.x resource name; null for /proc/drbd (8.x knows only minors there).</summary>
    public string? Name { get; init; }

    /// <summary>Device minor (/dev/drbdN); null for a 9.x resource without a device yet.</summary>
    public int? Minor { get; init; }

    /// <summary>9.x volume number within the resource; null for /proc/drbd.</summary>
    public int? Volume { get; init; }

    /// <summary>As DRBD prints it (e.g. "Connected", "SyncTarget", "StandAlone", "Unconfigured").</summary>
    public string ConnectionState { get; init; } = "Unknown";

    public DrbdRole LocalRole { get; init; }
    public DrbdRole PeerRole { get; init; }
    public DrbdDiskState LocalDisk { get; init; }
    public DrbdDiskState PeerDisk { get; init; }

    /// <summary>Present while a resync or verify runs and DRBD reports how far it is.</summary>
    public DrbdSyncProgress? Sync { get; init; }

    /// <summary>DRBD reported an unresolved split brain for this device and the peer has not connected since.</summary>
    public bool SplitBrain { get; init; }

    public DrbdConnectionKind Connection => DrbdStateNames.Classify(ConnectionState);
    public double? SyncPercent => Sync?.Percent;
    public bool IsLocalUpToDate => LocalDisk == DrbdDiskState.UpToDate;
    public bool IsPeerUpToDate => PeerDisk == DrbdDiskState.UpToDate;
    public bool IsPrimary => LocalRole == DrbdRole.Primary;
    public bool IsPeerPrimary => PeerRole == DrbdRole.Primary;
    public bool IsSyncing => Connection == DrbdConnectionKind.Syncing;

    /// <summary>StandAlone: DRBD will not reconnect by itself (after a split brain or an admin disconnect).</summary>
    public bool IsStandAlone => ConnectionState == "StandAlone";

    /// <summary>Connected with both disks UpToDate: nothing to wait for.</summary>
    public bool IsHealthy => Connection == DrbdConnectionKind.Connected && IsLocalUpToDate && IsPeerUpToDate && !SplitBrain;

    public override string ToString() =>
        $"{Name ?? "minor"}{(Volume is { } v ? "/" + v : "")}{(Minor is { } m ? " (" + m + ")" : "")} cs:{ConnectionState} " +
        $"ro:{LocalRole}/{PeerRole} ds:{LocalDisk}/{PeerDisk}" +
        (Sync is { } s ? $" {s.Percent:0.##}%" : "") + (SplitBrain ? " split-brain" : "");
}
