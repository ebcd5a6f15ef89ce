using System.Collections.Immutable;
using Failover.Control;
using Failover.Monitors.Drbd;

namespace Failover.Daemon.Runtime;

/// <summary>A group's DRBD facts as the control protocol reports them.</summary>
internal static class DrbdReports
{
    /// <returns>Null when the group has no drbd monitor (nothing to show), else one report per device.</returns>
    public static IReadOnlyList<DrbdReport>? Of(ImmutableSortedDictionary<string, DrbdResourceState> facts) =>
        facts.Count == 0
            ? null
            : facts.Select(f => new DrbdReport(f.Key, f.Value.ConnectionState, f.Value.LocalRole.ToString(), f.Value.PeerRole.ToString(),
                f.Value.LocalDisk.ToString(), f.Value.PeerDisk.ToString(), f.Value.SyncPercent, f.Value.SplitBrain)).ToArray();
}
