using System.Collections.Immutable;
using System.Net;
using Failover.Carp;
using Failover.Carp.StateMachine;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Peer.Snapshot;
using Failover.Peer.Transport;
using Failover.Rules.Facts;

namespace Failover.Daemon.Runtime;

/// <summary>
/// The pure mapping between a group's facts and what the peer channel carries: this node's facts out as a
/// <see cref="PeerGroupSnapshot"/>, the peer's back as the <see cref="GroupFacts"/> its rules read as <c>peer.*</c>.
/// </summary>
/// <remarks>
/// Times are not sent (each node's clock is its own): the peer's probes and transitions read as "since start".
/// A word this node does not know (a newer peer's) reads as unknown, never as healthy.
/// </remarks>
public static class PeerFacts
{
    public static PeerGroupSnapshot ToSnapshot(GroupFacts facts) => new()
    {
        Name = facts.Group,
        State = facts.State.ToString(),
        Master = facts.MasterSeen?.ToString(),
        LinkUp = facts.LinkUp,
        // What the peer measured of this node goes back to it as its own for: peer results, not as this node's probes.
        Probes = Wire(facts.Probes.Where(p => p.Value.MeasuredBy is null)),
        AboutYou = facts.AboutPeer.Count == 0 ? null : Wire(facts.AboutPeer),
        Drbd = facts.Drbd.Select(d => new PeerDrbdSnapshot(d.Key, d.Value.ConnectionState, d.Value.LocalRole.ToString(), d.Value.PeerRole.ToString(),
            d.Value.LocalDisk.ToString(), d.Value.PeerDisk.ToString(), d.Value.SplitBrain, d.Value.SyncPercent)).ToArray(),
        Maintenance = facts.Maintenance,
        Standby = facts.Standby,
        Preference = facts.Preference switch
        {
            AdminPreference.StayBackup => "Release",
            AdminPreference.StayMaster => "Takeover",
            _ => "None",
        },
    };

    public static GroupFacts FromSnapshot(PeerGroupSnapshot group) => new()
    {
        Group = group.Name,
        State = Parse(group.State, CarpState.Init),
        MasterSeen = group.Master is { } m && IPAddress.TryParse(m, out var master) ? master : null,
        LinkUp = group.LinkUp,
        Probes = Probes(group.Probes),
        AboutPeer = Probes(group.AboutYou ?? []),
        Drbd = group.Drbd.GroupBy(d => d.Name, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(d => d.Key, d => Resource(d.First()), StringComparer.Ordinal),
        Maintenance = group.Maintenance,
        Standby = group.Standby,
        Preference = group.Preference switch
        {
            "Release" => AdminPreference.StayBackup,
            "Takeover" => AdminPreference.StayMaster,
            _ => AdminPreference.None,
        },
    };

    /// <summary>
    /// What one group's rules know of the peer: its facts for the same group only while the channel hears it. A stale
    /// snapshot is not used, so while the peer is unreachable every <c>peer.*</c> fact is unknown and no rule fires on it.
    /// </summary>
    public static (bool Reachable, GroupFacts? Peer) For(PeerView? view, string group)
    {
        if (view is not { Reachable: true, Snapshot: { } snapshot })
            return (false, null);
        return (true, snapshot.Groups.FirstOrDefault(g => g.Name == group) is { } found ? FromSnapshot(found) : null);
    }

    private static PeerProbeSnapshot[] Wire(IEnumerable<KeyValuePair<string, ProbeFact>> probes) =>
        probes.Select(p => new PeerProbeSnapshot(p.Key, p.Value.Kind, p.Value.Health.ToString(), p.Value.Reason)).ToArray();

    private static ImmutableSortedDictionary<string, ProbeFact> Probes(IEnumerable<PeerProbeSnapshot> probes) =>
        probes.GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(p => p.Key, p => new ProbeFact(p.First().Kind, Parse(p.First().Health, ServiceHealth.Unknown), p.First().Reason),
                StringComparer.Ordinal);

    private static DrbdResourceState Resource(PeerDrbdSnapshot d) => new()
    {
        Name = d.Name,
        ConnectionState = d.ConnectionState,
        LocalRole = Parse(d.LocalRole, DrbdRole.Unknown),
        PeerRole = Parse(d.PeerRole, DrbdRole.Unknown),
        LocalDisk = Parse(d.LocalDisk, DrbdDiskState.DUnknown),
        PeerDisk = Parse(d.PeerDisk, DrbdDiskState.DUnknown),
        SplitBrain = d.SplitBrain,
        Sync = d.SyncPercent is { } percent ? new DrbdSyncProgress(percent) : null,
    };

    /// <summary>Names only: a number ("7") from a confused peer must not parse as some enum value.</summary>
    private static T Parse<T>(string word, T otherwise) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => n.Equals(word, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<T>(name) : otherwise;
}
