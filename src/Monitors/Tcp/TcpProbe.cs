using System.Net.Sockets;
using Failover.Monitors.Health;

namespace Failover.Monitors.Tcp;

/// <summary>
/// Completes one TCP handshake with a server and closes the connection at once: proves that something
/// listens, not that it works. Refusal (RST) is reported at once; silence (a firewall dropping SYNs, a
/// dead host on the LAN) waits out the timeout.
/// </summary>
public sealed class TcpProbe : IProbe
{
    private readonly TcpProbeOptions _options;
    private readonly TimeProvider _time;

    public TcpProbe(string name, TcpProbeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Server);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    public string Name { get; }

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var server = _options.Server;
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server, linked.Token).ConfigureAwait(false);
            var latency = _time.GetElapsedTime(started);
            return ProbeResult.Up($"connected to {server} in {Duration.Format(latency)}", latency);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Down($"no answer from {server} within {Duration.Format(_options.Timeout)}", started);
        }
        catch (SocketException e)
        {
            return Down(TcpConnectFailure.Describe(e, server), started);
        }
    }

    private ProbeResult Down(string reason, long started) => ProbeResult.Down(reason, _time.GetElapsedTime(started));
}
