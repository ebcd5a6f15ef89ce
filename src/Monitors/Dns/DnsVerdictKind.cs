namespace Failover.Monitors.Dns;

internal enum DnsVerdictKind
{
    /// <summary>Not our reply (wrong ID, not a response): keep waiting.</summary>
    Stray,
    /// <summary>Our reply, TC=1: ask again over TCP.</summary>
    Truncated,
    /// <summary>Our reply, judged.</summary>
    Final,
}
