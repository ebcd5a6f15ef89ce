using System.Net;
using Failover.Monitors.Samba;
using Failover.Monitors.Tcp;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>tcp: { server: 10.4.0.2, port: 389 }</c> (a TCP connect) and <c>samba: { server: 10.4.0.2 }</c>
/// (an SMB2 NEGOTIATE on port 445): both name a server and a port.
/// </summary>
internal static class TcpProbeBinder
{
    public const string TcpKind = "tcp";
    public const string SambaKind = "samba";
    public static readonly string[] Keys = ["server", "port"];

    public static ProbeSpec? BindTcp(KeyedMapping map, TimeSpan timeout, ValueReader read) =>
        Endpoint(map, TcpKind, null, read) is { } server
            ? new TcpProbeSpec(new TcpProbeOptions { Server = server, Timeout = timeout * 0.9 })
            : null;

    public static ProbeSpec? BindSamba(KeyedMapping map, TimeSpan timeout, ValueReader read) =>
        Endpoint(map, SambaKind, SambaProbeOptions.DefaultPort, read) is { } server
            ? new SambaProbeSpec(new SambaProbeOptions { Server = server, Timeout = timeout * 0.9 })
            : null;

    private static IPEndPoint? Endpoint(KeyedMapping map, string kind, int? defaultPort, ValueReader read)
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
