namespace Failover.Control;

/// <summary>failoverctl splitbrain status: one resource of one group.</summary>
/// <param name="Policy">manual, survivor or last_primary.</param>
/// <param name="Split">DRBD reports a split brain on either node (as far as this node knows).</param>
/// <param name="Local">This node's DRBD state of the resource, as DRBD words.</param>
/// <param name="Peer">The peer's, from the peer channel; null while unreachable.</param>
/// <param name="Phase">idle, running, resyncing or failed.</param>
/// <param name="Plan">The commands it would run (or runs), "on NODE: argv" each, then "after the resync, on NODE: argv"; null when nothing would run.</param>
/// <param name="Victim">Whose data the plan discards.</param>
/// <param name="Reason">Why that victim, or why nothing would run.</param>
/// <param name="LastResult">The last recovery's outcome on this node; null: none since failoverd started.</param>
/// <param name="ResyncPercent">How far the resync after a recovery is, as DRBD reports it.</param>
public sealed record SplitBrainReport(
    string Group,
    string Resource,
    string Policy,
    bool Split,
    string Local,
    string? Peer,
    string Phase,
    IReadOnlyList<string>? Plan,
    string? Victim,
    string Reason,
    string? LastResult,
    DateTimeOffset? LastResultAt,
    double? ResyncPercent);
