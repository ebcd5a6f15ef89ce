using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Failover.Monitors.Dhcp;

/// <summary>
/// The UDP socket on one local endpoint (giaddr:67 for relay mode, ciaddr:68 for INFORM), shared by every
/// probe run that uses that endpoint at the same moment, with one receive loop that hands each reply to
/// the run whose xid it carries.
/// </summary>
/// <remarks>
/// Replies come back to the fixed port, not to a port of the run's choosing. With a socket per run, two
/// runs at once (two dhcp monitors on one node, in one group or two) would bind the same address and
/// port (SO_REUSEADDR), the kernel would hand each unicast reply to one of the two sockets, and the other
/// run would wait out its deadline: a healthy server reported down. Port 0 means an ephemeral port of the
/// run's own, so such a port is never shared. The socket is bound by the first run and closed by the
/// last, in the caller's network namespace.
/// </remarks>
internal sealed class DhcpPort
{
    private const int MaxMessageLength = 1500;
    private static readonly Lock Gate = new();
    private static readonly Dictionary<IPEndPoint, DhcpPort> Shared = [];

    private readonly IPEndPoint _local;
    private readonly Socket _socket;
    private readonly Dictionary<uint, DhcpExchange> _exchanges = [];
    private bool _closed;

    private DhcpPort(IPEndPoint local, Socket socket)
    {
        _local = local;
        _socket = socket;
    }

    /// <summary>Starts an exchange with a fresh xid on <paramref name="local"/>, binding it if no run holds it.</summary>
    /// <exception cref="SocketException">The endpoint cannot be bound.</exception>
    public static DhcpExchange Join(IPEndPoint local)
    {
        DhcpPort? opened = null;
        DhcpExchange exchange;
        lock (Gate)
        {
            if (local.Port == 0 || !Shared.TryGetValue(local, out var port))
            {
                port = opened = new DhcpPort(local, Bind(local));
                if (local.Port != 0)
                {
                    Shared.Add(local, port);
                }
            }

            uint xid;
            do
            {
                xid = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
            }
            while (port._exchanges.ContainsKey(xid));
            exchange = new DhcpExchange(port, xid);
            port._exchanges.Add(xid, exchange);
        }

        if (opened is not null)
        {
            _ = Task.Run(opened.ReceiveLoopAsync);
        }
        return exchange;
    }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> message, IPEndPoint server, CancellationToken token) =>
        _socket.SendToAsync(message, SocketFlags.None, server, token);

    /// <summary>The exchange is over; the last one out closes the socket.</summary>
    public void Leave(DhcpExchange exchange)
    {
        lock (Gate)
        {
            _exchanges.Remove(exchange.Xid);
            if (_exchanges.Count == 0)
            {
                Close();
            }
        }
    }

    private static Socket Bind(IPEndPoint local)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // A DHCP server on this host may hold 0.0.0.0:67; SO_REUSEADDR lets us bind the specific address.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(local);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxMessageLength];
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0))
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Fail(e);
                return;
            }
            Dispatch(buffer.AsSpan(0, received.ReceivedBytes), ((IPEndPoint)received.RemoteEndPoint).Address);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> datagram, IPAddress from)
    {
        var isReply = DhcpMessage.TryReadHeader(datagram, out var op, out var xid) && op == DhcpWire.OpReply;
        lock (Gate)
        {
            if (isReply && _exchanges.TryGetValue(xid, out var owner))
            {
                owner.Deliver(datagram.ToArray(), from);
                return;
            }
            // Nobody's: a late answer to an earlier run, another relay's traffic, or not DHCP at all.
            foreach (var exchange in _exchanges.Values)
            {
                exchange.CountIgnored(isReply);
            }
        }
    }

    /// <summary>The socket failed (or was closed under the loop): every run on it fails, the next binds afresh.</summary>
    private void Fail(Exception error)
    {
        lock (Gate)
        {
            if (_closed)
            {
                return;
            }
            var failure = error as SocketException ?? new SocketException((int)SocketError.OperationAborted);
            foreach (var exchange in _exchanges.Values)
            {
                exchange.Fail(failure);
            }
            Close();
        }
    }

    private void Close()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        if (Shared.TryGetValue(_local, out var current) && current == this)
        {
            Shared.Remove(_local);
        }
        _socket.Dispose();
    }
}
