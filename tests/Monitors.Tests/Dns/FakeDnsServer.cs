using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Failover.Monitors.Tests.Dns;

/// <summary>An in-process DNS responder on 127.0.0.1 that misbehaves on demand: for each UDP query it
/// sends whatever <c>udp</c> returns (nothing = silence); TCP queries get <c>tcp</c>'s reply.</summary>
internal sealed class FakeDnsServer : IDisposable
{
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly CancellationTokenSource _stop = new();

    public FakeDnsServer(Func<byte[], IEnumerable<byte[]>> udp, Func<byte[], byte[]>? tcp = null)
    {
        (_udp, _tcp) = BindPair();
        Endpoint = (IPEndPoint)_udp.LocalEndPoint!;
        _tcp.Listen();
        _ = ServeUdpAsync(udp);
        if (tcp is not null)
        {
            _ = ServeTcpAsync(tcp);
        }
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>A free UDP port whose TCP twin is free too: the kernel picks the UDP one, and a busy machine
    /// may have that number in use for TCP (e.g. TIME_WAIT), so try a few.</summary>
    private static (Socket Udp, Socket Tcp) BindPair()
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                tcp.Bind(udp.LocalEndPoint!);
                return (udp, tcp);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 20)
            {
                udp.Dispose();
                tcp.Dispose();
            }
        }
    }

    public int TcpQueries { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Dispose();
    }

    private async Task ServeUdpAsync(Func<byte[], IEnumerable<byte[]>> udp)
    {
        var buffer = new byte[2048];
        try
        {
            while (true)
            {
                var from = new IPEndPoint(IPAddress.Any, 0);
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, from, _stop.Token);
                foreach (var reply in udp(buffer[..received.ReceivedBytes]))
                {
                    await _udp.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ServeTcpAsync(Func<byte[], byte[]> tcp)
    {
        try
        {
            while (true)
            {
                using var client = await _tcp.AcceptAsync(_stop.Token);
                var prefix = new byte[2];
                await client.ReceiveAsync(prefix, SocketFlags.None, _stop.Token);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                var have = 0;
                while (have < query.Length)
                {
                    have += await client.ReceiveAsync(query.AsMemory(have), SocketFlags.None, _stop.Token);
                }
                TcpQueries++;
                var reply = tcp(query);
                var framed = new byte[reply.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)reply.Length);
                reply.CopyTo(framed, 2);
                await client.SendAsync(framed, SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
