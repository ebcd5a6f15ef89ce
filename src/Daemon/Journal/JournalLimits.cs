namespace Failover.Daemon.Journal;

/// <summary>
/// How much journal is kept: events.jsonl grows to <paramref name="MaxFileBytes"/>, then becomes events.jsonl.1
/// (the older ones shift up to events.jsonl.<paramref name="RotatedFiles"/>, the oldest is deleted), so the journal
/// never takes more than (1 + RotatedFiles) × MaxFileBytes. <paramref name="RecentEvents"/> stay in memory too, so that
/// a follower's "after seq N" and the status page never read the files.
/// </summary>
public sealed record JournalLimits(long MaxFileBytes = 8L * 1024 * 1024, int RotatedFiles = 3, int RecentEvents = 4096)
{
    public static readonly JournalLimits Default = new();
}
