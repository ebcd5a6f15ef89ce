using System.Net;

namespace Failover.Monitors.Dns;

/// <summary>What a <see cref="DnsProbe"/> asks and what it accepts as healthy (REFERENCE §4).</summary>
public sealed record DnsProbeOptions
{
    public required IPEndPoint Server { get; init; }

    /// <summary>The name to look up, e.g. "www.example.test".</summary>
    public required string Query { get; init; }

    public DnsType Type { get; init; } = DnsType.A;

    public bool RecursionDesired { get; init; } = true;

    /// <summary>If set, one of the answer's addresses must be this one.</summary>
    public IPAddress? ExpectedAddress { get; init; }

    /// <summary>If set, the reply must carry AA=1 (the server is authoritative for the name).</summary>
    public bool RequireAuthoritative { get; init; }

    /// <summary>The probe's own deadline, UDP and TCP together; keep it a little below the runner's
    /// timeout so a silent server is reported with the probe's detail (stray replies) rather than the
    /// runner's bare "no answer".</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}
