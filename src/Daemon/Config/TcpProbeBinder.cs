using System.Net;
using Failover.Monitors.Tcp;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>tcp: { server: 10.4.0.2, port: 389 }</c> (a TCP connect); <see cref="Endpoint"/> reads the
/// server and port of the probes that speak over TCP.
/// </summary>
internal static class TcpProbeBinder
{
    public const string TcpKind = "tcp";
    public static readonly string[] Keys = ["server", "port"];

    public static ProbeSpec? BindTcp(KeyedMapping map, TimeSpan timeout, ValueReader read) =>
        Endpoint(map, TcpKind, null, read) is { } server
            ? new TcpProbeSpec(new TcpProbeOptions { Server = server, Timeout = timeout * 0.9 })
            : null;

    /// <summary>Required <c>server</c> (IPv4) and <c>port</c>, which may default to <paramref name="defaultPort"/>.</summary>
    public static IPEndPoint? Endpoint(KeyedMapping map, string kind, int? defaultPort, ValueReader read)
    {
        var server = map.Required("server") is { } s ? read.Ipv4(s, $"{kind} server must be an IPv4 address") : null;
        int? port = map.Optional("port") is { } p ? read.Port(p, $"{kind} port")
            : defaultPort ?? ReportMissingPort(map, kind, read);
        return server is null || port is null ? null : new IPEndPoint(server, port.Value);
    }

    private static int? ReportMissingPort(KeyedMapping map, string kind, ValueReader read)
    {
        read.Report(map.Position, $"missing required key 'port' in {kind}");
        return null;
    }
}
