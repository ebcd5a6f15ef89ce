namespace Failover.Remote.Sync;

/// <summary>A group's config sync (failover.yaml's per-group <c>sync:</c>, with defaults applied).</summary>
/// <param name="Every">The schedule while MASTER.</param>
/// <param name="AfterTakeover">How long after becoming MASTER the first push runs (once the new master has settled).</param>
/// <param name="Exclude">rsync --exclude patterns.</param>
/// <param name="Delete">rsync --delete: files gone here are removed on the peer.</param>
/// <param name="PostCommand">Run on the peer after a push that changed something; empty: none.</param>
/// <param name="Timeout">The deadline of one rsync run (and of the post_command).</param>
public sealed record SyncSettings(
    IReadOnlyList<SyncPath> Paths,
    TimeSpan Every,
    TimeSpan AfterTakeover,
    IReadOnlyList<string> Exclude,
    bool Delete,
    IReadOnlyList<string> PostCommand,
    TimeSpan Timeout)
{
    public static TimeSpan DefaultEvery { get; } = TimeSpan.FromHours(1);
    public static TimeSpan DefaultAfterTakeover { get; } = TimeSpan.FromSeconds(30);
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(5);
}
