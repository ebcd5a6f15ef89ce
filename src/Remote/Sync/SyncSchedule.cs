namespace Failover.Remote.Sync;

/// <summary>
/// Pure: when the master pushes. Once <c>after_takeover</c> after becoming MASTER (a push started since then
/// counts only if it started after that settling time), then every <c>every</c> after the last push started.
/// A backup never pushes.
/// </summary>
public static class SyncSchedule
{
    /// <param name="masterSince">When this node last became MASTER; null: it is not MASTER.</param>
    /// <param name="lastStarted">When the last push (scheduled or on demand, not a dry run) started; null: none yet.</param>
    public static SyncDecision Decide(DateTimeOffset? masterSince, DateTimeOffset? lastStarted, TimeSpan every, TimeSpan afterTakeover,
        DateTimeOffset now)
    {
        if (masterSince is not { } since)
            return SyncDecision.Idle;
        var settled = since + afterTakeover;
        var (due, reason) = lastStarted is { } last && last >= settled
            ? (last + every, SyncReason.Schedule)
            : (settled, SyncReason.AfterTakeover);
        return now >= due ? new SyncDecision(reason, null) : new SyncDecision(null, due);
    }
}
