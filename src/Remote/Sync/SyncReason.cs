namespace Failover.Remote.Sync;

/// <summary>Why a push runs.</summary>
public enum SyncReason
{
    /// <summary>after_takeover elapsed since this node became MASTER.</summary>
    AfterTakeover,

    /// <summary>every elapsed since the last push.</summary>
    Schedule,

    /// <summary>failoverctl sync.</summary>
    OnDemand,
}
