using System.Net;
using System.Net.Sockets;
using Failover.Monitors.Health;
using Failover.Monitors.Tcp;
using Xunit;

namespace Failover.Monitors.Tests.Tcp;

public sealed class TcpProbeTests
{
    private static Task<ProbeResult> ProbeAsync(IPEndPoint server) =>
        new TcpProbe("tcp1", new TcpProbeOptions { Server = server, Timeout = TimeSpan.FromSeconds(2) })
            .RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_listening_port_is_healthy()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var server = (IPEndPoint)listener.LocalEndPoint!;

        var result = await ProbeAsync(server);

        Assert.True(result.Healthy, result.Reason);
        Assert.StartsWith($"connected to {server} in ", result.Reason);
        Assert.True(result.Latency > TimeSpan.Zero && result.Latency < TimeSpan.FromSeconds(2), result.Latency.ToString());
    }

    [Fact]
    public async Task A_closed_port_is_refused_at_once()
    {
        var closed = new IPEndPoint(IPAddress.Loopback, FreeTcpPort());

        var result = await ProbeAsync(closed);

        Assert.Equal(ProbeResult.Down($"connection refused by {closed}", result.Latency), result);
        Assert.True(result.Latency < TimeSpan.FromSeconds(1), result.Latency.ToString());
    }

    [Fact]
    public void Options_are_validated()
    {
        var server = new IPEndPoint(IPAddress.Loopback, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpProbe("t", new TcpProbeOptions { Server = server, Timeout = TimeSpan.Zero }));
    }

    internal static int FreeTcpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
