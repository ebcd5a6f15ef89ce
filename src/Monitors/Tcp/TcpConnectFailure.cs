using System.Net;
using System.Net.Sockets;

namespace Failover.Monitors.Tcp;

/// <summary>Reasons for a failed TCP connect, shared by the probes that speak over TCP.</summary>
internal static class TcpConnectFailure
{
    public static string Describe(SocketException e, IPEndPoint server) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => $"connection refused by {server}",
        SocketError.HostUnreachable or SocketError.HostDown => $"host unreachable: {server} ({e.Message})",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => $"network unreachable: {server} ({e.Message})",
        SocketError.ConnectionReset => $"connection reset by {server}",
        _ => $"TCP to {server} failed: {e.SocketErrorCode} ({e.Message})",
    };
}
