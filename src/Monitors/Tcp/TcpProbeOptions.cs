using System.Net;

namespace Failover.Monitors.Tcp;

/// <summary>Where a <see cref="TcpProbe"/> connects and how long it waits.</summary>
public sealed record TcpProbeOptions
{
    /// <summary>Address and port, e.g. 127.0.0.1:445.</summary>
    public required IPEndPoint Server { get; init; }

    /// <summary>The probe's own deadline for the handshake; keep it a little below the runner's timeout
    /// so a silent port is reported by the probe ("no answer … within 2 s") rather than the runner.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
}
