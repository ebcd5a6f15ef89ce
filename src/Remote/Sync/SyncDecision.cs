namespace Failover.Remote.Sync;

/// <summary>What the schedule says now: push (<paramref name="Now"/>), or look again at <paramref name="NextCheck"/>
/// (null: not before this node becomes MASTER).</summary>
public sealed record SyncDecision(SyncReason? Now, DateTimeOffset? NextCheck)
{
    public static SyncDecision Idle { get; } = new(null, null);
}
