using Failover.Monitors.Health;

namespace Failover.Monitors.Dns;

/// <summary>What one received message means to a waiting <see cref="DnsProbe"/>.</summary>
internal readonly record struct DnsVerdict(DnsVerdictKind Kind, ProbeResult? Result = null)
{
    public static readonly DnsVerdict Stray = new(DnsVerdictKind.Stray);
    public static readonly DnsVerdict Truncated = new(DnsVerdictKind.Truncated);

    public static DnsVerdict Final(ProbeResult result) => new(DnsVerdictKind.Final, result);
}
