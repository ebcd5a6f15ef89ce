using System.Collections.Immutable;
using System.Net;
using Failover.Carp;
using Failover.Carp.StateMachine;
using Failover.Monitors.Drbd;

namespace Failover.Rules.Facts;

/// <summary>
/// Everything the rules of one group may look at, taken at one moment: the rule engine reads nothing else, so
/// one snapshot gives one answer. Times are absolute; the engine turns them into durations against its own
/// <c>now</c>, so a snapshot can be judged again later (for: and hold-down) without being rebuilt.
/// </summary>
public sealed record GroupFacts
{
    public required string Group { get; init; }

    public CarpState State { get; init; } = CarpState.Init;

    /// <summary>The master heard on the wire (this node's own address while it is master); null: none heard.</summary>
    public IPAddress? MasterSeen { get; init; }

    public bool LinkUp { get; init; } = true;

    /// <summary>Every probe of the group, by monitor name.</summary>
    public ImmutableSortedDictionary<string, ProbeFact> Probes { get; init; } = ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal);

    /// <summary>This node's <c>for: peer</c> monitors, by name: what it measures of the peer's services. Sent to the peer,
    /// for which they are its own <c>probe.NAME</c>; the rules here read them as <c>peer.probe.NAME</c> (in <see cref="Peer"/>).</summary>
    public ImmutableSortedDictionary<string, ProbeFact> AboutPeer { get; init; } = ImmutableSortedDictionary.Create<string, ProbeFact>(StringComparer.Ordinal);

    /// <summary>
    /// Every DRBD resource the group's monitors name, by fact name (<see cref="DrbdFactNames"/>), including those DRBD
    /// does not report (as unknown): a resource missing here could not stop the node becoming master.
    /// Build it with <see cref="DrbdFactNames.Collect"/>.
    /// </summary>
    public ImmutableSortedDictionary<string, DrbdResourceState> Drbd { get; init; } = ImmutableSortedDictionary.Create<string, DrbdResourceState>(StringComparer.Ordinal);

    /// <summary>failoverctl maintenance on (the node or this group): failoverd takes no action; the rules are judged, not applied.</summary>
    public bool Maintenance { get; init; }

    /// <summary>failoverctl standby on: the node gives up and refuses MASTER of every group.</summary>
    public bool Standby { get; init; }

    /// <summary>failoverctl release / takeover.</summary>
    public AdminPreference Preference { get; init; }

    /// <summary>The group's last CARP state change; null: none since the daemon started.</summary>
    public DateTimeOffset? LastTransitionAt { get; init; }

    /// <summary>When the vip-up chain last failed, while no vip-up chain has succeeded since; null: not failed.</summary>
    public DateTimeOffset? VipUpFailedAt { get; init; }

    /// <summary>
    /// The link went down since the group's resources were last in sync (<see cref="ResourcesInSync"/>): set by the
    /// runtime on link loss, cleared when they are in sync again. While set the node must not reclaim the VIPs.
    /// </summary>
    public bool LinkLostUnsynced { get; init; }

    /// <summary>The peer's facts for the same group while the peer channel hears it; null: not known (no peer
    /// configured, the channel down, or the peer has no such group), so every <c>peer.*</c> fact is unknown.</summary>
    public GroupFacts? Peer { get; init; }

    /// <summary>The peer channel hears the peer (a valid snapshot within its silence window); false without a peer.</summary>
    public bool PeerReachable { get; init; }

    /// <summary>Every DRBD resource Connected (not resyncing), both disks UpToDate and no split brain; true without
    /// DRBD. What the runtime waits for before clearing <see cref="LinkLostUnsynced"/>.</summary>
    public bool ResourcesInSync => Drbd.Values.All(r => r.IsHealthy);
}
