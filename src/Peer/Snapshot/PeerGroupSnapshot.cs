namespace Failover.Peer.Snapshot;

/// <summary>One group as its node sees it.</summary>
public sealed record PeerGroupSnapshot
{
    public required string Name { get; init; }

    /// <summary>CARP state: "Init", "Backup", "Master".</summary>
    public required string State { get; init; }

    /// <summary>The master this node hears for the group (its own address while master); null: none heard.</summary>
    public string? Master { get; init; }

    public bool LinkUp { get; init; } = true;

    public IReadOnlyList<PeerProbeSnapshot> Probes { get; init; } = [];

    /// <summary>What this node measures of the receiver's services (<c>for: peer</c> monitors): the receiver's own
    /// probes, measured from here. Null (left out): none, as from an older peer, whose snapshots stay valid.</summary>
    public IReadOnlyList<PeerProbeSnapshot>? AboutYou { get; init; }

    public IReadOnlyList<PeerDrbdSnapshot> Drbd { get; init; } = [];

    public bool Maintenance { get; init; }

    public bool Standby { get; init; }

    /// <summary>Admin preference: "None", "Release", "Takeover".</summary>
    public string Preference { get; init; } = "None";
}
