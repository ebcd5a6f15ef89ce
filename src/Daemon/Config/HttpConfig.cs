using System.Net;

namespace Failover.Daemon.Config;

/// <summary>The opt-in HTTP endpoint: Prometheus metrics at /metrics and the status page at /.</summary>
/// <param name="Listen">Where it listens; loopback unless the config names another address.</param>
public sealed record HttpConfig(IPEndPoint Listen)
{
    public const int DefaultPort = 9640;

    public static IPEndPoint DefaultListen { get; } = new(IPAddress.Loopback, DefaultPort);
}
