namespace Failover.Control;

/// <summary>A group's config sync: the last push (not a dry run) and what comes next.</summary>
/// <param name="Target">The peer pushed to ("root@192.0.2.2").</param>
/// <param name="Result">ok, failed or cancelled; null: no push since failoverd started.</param>
/// <param name="Reason">Why the last push ran: after_takeover, schedule or on_demand.</param>
/// <param name="Changes">The items the last push changed on the peer (rsync's itemized lines).</param>
/// <param name="Error">What went wrong in the last push; null when it succeeded.</param>
/// <param name="NextAt">When the schedule pushes next; null: not while this node is not MASTER.</param>
public sealed record SyncReport(
    string Target,
    bool Running,
    string? Result,
    string? Reason,
    DateTimeOffset? LastAt,
    double? DurationMs,
    int Changes,
    string? Error,
    DateTimeOffset? NextAt);
