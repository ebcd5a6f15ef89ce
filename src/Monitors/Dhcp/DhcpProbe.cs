using System.Net;
using System.Net.Sockets;
using Failover.Monitors.Health;

namespace Failover.Monitors.Dhcp;

/// <summary>
/// Asks one DHCPv4 server for an answer without taking a lease (REFERENCE §4). In
/// <see cref="DhcpProbeMode.RelayDiscover"/> it poses as a relay agent: a DHCPDISCOVER with giaddr = the
/// local address, sent from port 67 and unicast to the server; healthy = a DHCPOFFER with our xid (and the
/// expected server identifier). A DISCOVER commits no lease: the server at most remembers an offer for a
/// while, and the probe never sends a DHCPREQUEST. In <see cref="DhcpProbeMode.Inform"/> it sends a
/// DHCPINFORM with ciaddr = the local address from port 68; healthy = a DHCPACK with our xid.
/// </summary>
/// <remarks>
/// The socket is not connected: servers may answer from another of their addresses than the one asked.
/// Runs that use the same local endpoint at once share one socket (<see cref="DhcpPort"/>), since the
/// replies of all of them come back to that one port. Replies with an xid of no run in flight (late answers
/// to an earlier run, other relays' traffic) and datagrams that are not DHCP replies are ignored and
/// counted until the deadline; the count shows in the reason when no proper reply comes. The first reply
/// with our xid decides.
/// </remarks>
public sealed class DhcpProbe : IProbe
{
    private readonly DhcpProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly DhcpMessageType _expected;

    public DhcpProbe(string name, DhcpProbeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EffectiveLocalPort, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.EffectiveLocalPort, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ServerPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ServerPort, IPEndPoint.MaxPort);
        Write(new byte[DhcpMessage.MaxRequestLength], 0, options); // validates addresses and chaddr
        if (options.Server.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{options.Server} is not an IPv4 address", nameof(options));
        }
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
        _expected = options.Mode == DhcpProbeMode.RelayDiscover ? DhcpMessageType.Offer : DhcpMessageType.Ack;
    }

    public string Name { get; }

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var local = new IPEndPoint(_options.LocalAddress, _options.EffectiveLocalPort);
        var server = new IPEndPoint(_options.Server, _options.ServerPort);
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        DhcpExchange exchange;
        try
        {
            exchange = DhcpPort.Join(local);
        }
        catch (SocketException e)
        {
            return Down($"cannot bind {local}: {e.SocketErrorCode} ({e.Message})", started);
        }

        using (exchange)
        {
            try
            {
                var request = new byte[DhcpMessage.MaxRequestLength];
                var length = Write(request, exchange.Xid, _options);
                await exchange.SendAsync(request.AsMemory(0, length), server, token).ConfigureAwait(false);
                var (reply, from) = await exchange.ReplyAsync(token).ConfigureAwait(false);
                return Judge(reply, from, started);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var detail = "";
                if (exchange.OtherXid is var otherXid and > 0)
                {
                    detail += $"; ignored {otherXid} {(otherXid == 1 ? "reply" : "replies")} with another xid";
                }
                if (exchange.Unreadable is var unreadable and > 0)
                {
                    detail += $"; ignored {unreadable} {(unreadable == 1 ? "datagram" : "datagrams")} that {(unreadable == 1 ? "is" : "are")} not a DHCP reply";
                }
                return Down($"no {Show(_expected)} in {Duration.Format(_options.Timeout)}{detail}", started);
            }
            catch (SocketException e)
            {
                return Down($"UDP from {local} to {server} failed: {e.SocketErrorCode} ({e.Message})", started);
            }
        }
    }

    private ProbeResult Judge(ReadOnlySpan<byte> message, IPAddress from, long started)
    {
        if (!DhcpMessage.TryParse(message, out var reply, out var error))
        {
            return Down($"malformed reply from {from}: {error}", started);
        }
        var server = reply.ServerIdentifier ?? from;
        if (reply.MessageType is not { } type)
        {
            return Down($"reply without a DHCP message type from {server}", started);
        }
        if (type == DhcpMessageType.Nak)
        {
            return Down($"DHCPNAK from {server}", started);
        }
        if (type != _expected)
        {
            return Down($"{Show(type)} from {server}, expected {Show(_expected)}", started);
        }
        var what = _expected == DhcpMessageType.Offer ? "offer" : "ack";
        if (_options.ExpectedServerId is { } expectedId && !expectedId.Equals(reply.ServerIdentifier))
        {
            return Down(reply.ServerIdentifier is null
                ? $"{what} from {from} without a server id, expected {expectedId}"
                : $"{what} from server id {reply.ServerIdentifier}, expected {expectedId}", started);
        }
        var elapsed = Elapsed(started);
        var offered = type == DhcpMessageType.Offer ? $" of {reply.YourAddress}" : "";
        return ProbeResult.Up($"{Show(type)}{offered} from {server} in {Duration.Format(elapsed)}", elapsed);
    }

    private static int Write(Span<byte> destination, uint xid, DhcpProbeOptions options) =>
        options.Mode == DhcpProbeMode.RelayDiscover
            ? DhcpMessage.WriteDiscover(destination, xid, options.ClientHardwareAddress, options.LocalAddress)
            : DhcpMessage.WriteInform(destination, xid, options.ClientHardwareAddress, options.LocalAddress);

    private static string Show(DhcpMessageType type) =>
        Enum.IsDefined(type) ? $"DHCP{type.ToString().ToUpperInvariant()}" : $"DHCP message type {(byte)type}";

    private ProbeResult Down(string reason, long started) => ProbeResult.Down(reason, Elapsed(started));

    private TimeSpan Elapsed(long started) => _time.GetElapsedTime(started);
}
