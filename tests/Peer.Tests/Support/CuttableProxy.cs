using System.Net;
using System.Net.Sockets;

namespace Failover.Peer.Tests.Support;

/// <summary>
/// A loopback TCP relay that can be cut: while cut it keeps connections open but drops every byte (a blackhole,
/// not a reset, so only silence can tell). It records what the first client sent, for replay tests.
/// </summary>
internal sealed class CuttableProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Socket> sockets = [];
    private readonly MemoryStream firstUpstream = new();
    private readonly Task accepting;
    private volatile bool cut;
    private int connections;

    public CuttableProxy(IPEndPoint target)
    {
        this.target = target;
        listener.Start();
        accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    public byte[] FirstUpstreamBytes
    {
        get { lock (firstUpstream) return firstUpstream.ToArray(); }
    }

    public void Cut() => cut = true;

    /// <summary>Ends the blackhole; connections that lost bytes are reset, as their framing is broken.</summary>
    public void Heal()
    {
        lock (sockets)
        {
            foreach (var socket in sockets)
                socket.Dispose();
            sockets.Clear();
        }
        cut = false;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptSocketAsync(stop.Token);
                var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await upstream.ConnectAsync(target, stop.Token);
                }
                catch (SocketException)
                {
                    client.Dispose();
                    upstream.Dispose();
                    continue;
                }
                lock (sockets)
                    sockets.AddRange([client, upstream]);
                var first = Interlocked.Increment(ref connections) == 1;
                _ = PumpAsync(client, upstream, first ? firstUpstream : null);
                _ = PumpAsync(upstream, client, null);
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task PumpAsync(Socket from, Socket to, MemoryStream? record)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, stop.Token);
                if (n == 0)
                    break;
                if (cut)
                    continue;
                if (record is not null)
                    lock (record)
                        record.Write(buffer, 0, n);
                await to.SendAsync(buffer.AsMemory(0, n), stop.Token);
            }
        }
        catch (Exception)
        {
            // Either end reset or the proxy stopped.
        }
        from.Dispose();
        to.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        await accepting;
        Heal();
    }
}
