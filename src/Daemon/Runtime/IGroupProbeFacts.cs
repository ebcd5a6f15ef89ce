using System.Collections.Immutable;
using Failover.Monitors.Drbd;
using Failover.Rules.Facts;

namespace Failover.Daemon.Runtime;

/// <summary>What a group's monitors tell the rules: each probe's settled health, and the DRBD resources' states.</summary>
public interface IGroupProbeFacts
{
    /// <summary>A probe's health changed, or a drbd monitor read DRBD again. Raised on a probe's thread, possibly under
    /// its runner's lock: a handler must only take note.</summary>
    event Action? Changed;

    /// <summary>Every probe of the group about this node (<c>for: self</c>), by monitor name.</summary>
    ImmutableSortedDictionary<string, ProbeFact> Probes();

    /// <summary>Every <c>for: peer</c> probe of the group: this node's measurements of the peer, by monitor name.</summary>
    ImmutableSortedDictionary<string, ProbeFact> ForPeer();

    /// <summary>How many times the drbd monitors have read DRBD since start: a state read after a moment is one
    /// whose count is higher than it was then.</summary>
    long DrbdReads { get; }

    /// <summary>Every DRBD resource the group's drbd monitors name (<see cref="DrbdFactNames.Collect"/>).</summary>
    ImmutableSortedDictionary<string, DrbdResourceState> Drbd();
}
