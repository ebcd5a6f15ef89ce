namespace Failover.Actions.SplitBrain;

/// <summary>Who decides which side's data a split-brain recovery discards.</summary>
public enum SplitBrainPolicyKind
{
    /// <summary>An admin, with <c>failoverctl splitbrain resolve GROUP --discard NODE</c>; nothing runs by itself.</summary>
    Manual,

    /// <summary>A fixed node always survives (the seed's rule: the primary server wins).</summary>
    Survivor,

    /// <summary>The node that was DRBD Primary most recently survives; a tie or an unknown time decides nothing.</summary>
    LastPrimary,
}
