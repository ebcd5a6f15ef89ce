namespace Failover.Remote.Sync;

/// <summary>One path's rsync run: what it changed (or, in a dry run, would change), or why it failed.</summary>
/// <param name="Error">Null when rsync exited 0; else its exit status and the head of its stderr.</param>
public sealed record PathChanges(SyncPath Path, IReadOnlyList<ItemizedChange> Changes, string? Error);
