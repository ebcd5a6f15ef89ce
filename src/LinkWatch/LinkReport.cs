namespace Failover.LinkWatch;

/// <summary>
/// What one RTM_NEWLINK/RTM_DELLINK message says about an interface. <see cref="Up"/> is the carrier as
/// ifplugd sees it: administratively up and IFF_LOWER_UP; a deleted interface is down.
/// <see cref="OperState"/> (RFC 2863 name, "unknown" when absent) is kept for logs only.
/// </summary>
internal sealed record LinkReport(int Index, string Name, bool Up, string OperState)
{
    /// <summary>RTM_DELLINK: the index is free again.</summary>
    public bool Deleted { get; init; }
}
