namespace Failover.Monitors.Drbd;

/// <summary>The first word of a <c>drbdsetup events2</c> line.</summary>
public enum DrbdEventVerb
{
    /// <summary>Part of the initial dump of what exists; <c>exists -</c> ends it.</summary>
    Exists,
    Create,

    /// <summary>Carries only the keys that changed, besides the keys naming the object.</summary>
    Change,
    Destroy,

    /// <summary>A user-mode helper was started (e.g. <c>helper:split-brain</c>).</summary>
    Call,

    /// <summary>A helper finished (<c>status:</c>).</summary>
    Response,
}
