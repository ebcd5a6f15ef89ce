using System.Net;
using System.Net.Sockets;

namespace Failover.Monitors.Tests.Dhcp;

/// <summary>An in-process DHCP responder on 127.0.0.1 that misbehaves on demand: for each request it sends
/// whatever <c>reply</c> returns (nothing = silence) back to the request's source, as a server answers a
/// relay at giaddr:67.</summary>
internal sealed class FakeDhcpServer : IDisposable
{
    private readonly Socket _udp = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte[]> _requests = [];

    public FakeDhcpServer(Func<byte[], IEnumerable<byte[]>> reply)
    {
        _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Endpoint = (IPEndPoint)_udp.LocalEndPoint!;
        _ = ServeAsync(reply);
    }

    public IPEndPoint Endpoint { get; }

    public IReadOnlyList<byte[]> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
    }

    private async Task ServeAsync(Func<byte[], IEnumerable<byte[]>> reply)
    {
        var buffer = new byte[2048];
        try
        {
            while (true)
            {
                var received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                var request = buffer[..received.ReceivedBytes];
                lock (_requests)
                {
                    _requests.Add(request);
                }
                foreach (var datagram in reply(request))
                {
                    await _udp.SendToAsync(datagram, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
