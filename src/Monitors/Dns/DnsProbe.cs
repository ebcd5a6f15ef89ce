using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Failover.Monitors.Net;
using System.Security.Cryptography;
using Failover.Monitors.Health;

namespace Failover.Monitors.Dns;

/// <summary>
/// Asks one DNS server one question over UDP (TCP when the reply is truncated) and judges the reply as
/// REFERENCE §4 says: our ID, QR=1, RCODE NOERROR, the question echoed, and where configured the expected
/// address and AA=1.
/// </summary>
/// <remarks>
/// The UDP socket is connected, so the kernel drops datagrams from other sources and an ICMP
/// port-unreachable ends the wait at once as "connection refused". Datagrams with another ID (late
/// replies to an earlier run, spoofing attempts) are ignored and counted; the count shows in the reason
/// if no proper reply comes.
/// </remarks>
public sealed class DnsProbe : IProbe
{
    private const int MaxMessageLength = 65535;
    private readonly DnsProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly string _query;

    public DnsProbe(string name, DnsProbeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        DnsQuery.Write(new byte[DnsQuery.MaxLength], 0, options.Query, options.Type, options.RecursionDesired); // validates the name
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
        _query = DnsWire.Canonical(options.Query);
    }

    public string Name { get; }

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var server = _options.Server;
        var strays = 0;
        var overTcp = false;
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        var buffer = new byte[MaxMessageLength];
        try
        {
            using (var udp = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
            {
                await udp.ConnectAsync(server, token).ConfigureAwait(false);
                var id = NewId();
                var length = DnsQuery.Write(buffer, id, _options.Query, _options.Type, _options.RecursionDesired);
                await udp.SendAsync(buffer.AsMemory(0, length), SocketFlags.None, token).ConfigureAwait(false);
                while (true)
                {
                    var received = await udp.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                    var verdict = Judge(buffer.AsSpan(0, received), id, tcp: false, started);
                    if (verdict.Kind == DnsVerdictKind.Final)
                    {
                        return verdict.Result!;
                    }
                    if (verdict.Kind == DnsVerdictKind.Truncated)
                    {
                        break;
                    }
                    strays++;
                }
            }

            overTcp = true;
            return await QueryTcpAsync(buffer, started, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var detail = strays == 0 ? "" : $"; ignored {strays} stray {(strays == 1 ? "reply" : "replies")} (wrong ID or not a response)";
            return Down($"no answer from {server}{(overTcp ? " over TCP" : "")} within {Duration.Format(_options.Timeout)}{detail}", started);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Down($"connection refused by {server}{(overTcp ? " over TCP (after a truncated UDP reply)" : "")}", started);
        }
        catch (SocketException e)
        {
            return Down($"{(overTcp ? "TCP" : "UDP")} to {server} failed: {e.SocketErrorCode} ({e.Message})", started);
        }
    }

    /// <summary>Asks again over TCP, each message behind a 2-byte length (RFC 1035 §4.2.2).</summary>
    private async Task<ProbeResult> QueryTcpAsync(byte[] buffer, long started, CancellationToken token)
    {
        var server = _options.Server;
        using var tcp = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await tcp.ConnectAsync(server, token).ConfigureAwait(false);
        var id = NewId();
        var length = DnsQuery.Write(buffer.AsSpan(2), id, _options.Query, _options.Type, _options.RecursionDesired);
        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)length);
        await tcp.SendAsync(buffer.AsMemory(0, length + 2), SocketFlags.None, token).ConfigureAwait(false);

        if (!await SocketReads.ReceiveExactlyAsync(tcp, buffer.AsMemory(0, 2), token).ConfigureAwait(false))
        {
            return Down($"{server} closed the TCP connection without an answer", started);
        }
        var replyLength = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        if (!await SocketReads.ReceiveExactlyAsync(tcp, buffer.AsMemory(0, replyLength), token).ConfigureAwait(false))
        {
            return Down($"{server} closed the TCP connection within an answer of {replyLength} bytes", started);
        }
        var verdict = Judge(buffer.AsSpan(0, replyLength), id, tcp: true, started);
        return verdict.Kind switch
        {
            DnsVerdictKind.Final => verdict.Result!,
            DnsVerdictKind.Truncated => Down($"reply from {server} truncated even over TCP", started),
            _ => Down($"TCP reply from {server} is not an answer to our query (wrong ID or not a response)", started),
        };
    }

    private DnsVerdict Judge(ReadOnlySpan<byte> message, ushort id, bool tcp, long started)
    {
        var server = _options.Server;
        if (!DnsResponse.TryReadId(message, out var replyId) || replyId != id)
        {
            return DnsVerdict.Stray;
        }
        if (!DnsResponse.TryParse(message, out var reply, out var error))
        {
            return DnsVerdict.Final(Down($"malformed reply from {server}: {error}", started));
        }
        if (!reply.IsResponse)
        {
            return DnsVerdict.Stray;
        }
        if (reply.Truncated && !tcp)
        {
            return DnsVerdict.Truncated;
        }
        if (reply.ResponseCode == DnsResponseCode.NXDomain)
        {
            return DnsVerdict.Final(Down($"NXDOMAIN for {_query} from {server}", started));
        }
        if (reply.ResponseCode != DnsResponseCode.NoError)
        {
            return DnsVerdict.Final(Down($"{DnsResponseCode.Name(reply.ResponseCode)} from {server}", started));
        }
        if (reply.Question is not { } question || !question.Matches(_query, _options.Type))
        {
            var asked = reply.Question is { } q ? $"{q.Name} {q.Type}" : "no question";
            return DnsVerdict.Final(Down($"reply from {server} echoes {asked}, not {_query} {_options.Type}", started));
        }
        if (_options.RequireAuthoritative && !reply.Authoritative)
        {
            return DnsVerdict.Final(Down($"answer not authoritative from {server}", started));
        }

        var addresses = reply.Answers
            .Where(a => a.Type == _options.Type && a.Address is not null)
            .Select(a => a.Address!)
            .ToList();
        var shown = addresses.Count == 0 ? "no data" : string.Join(", ", addresses);
        if (_options.ExpectedAddress is { } expected && !addresses.Contains(expected))
        {
            return DnsVerdict.Final(Down(addresses.Count == 0
                ? $"no {_options.Type} record for {_query} from {server}, expected {expected}"
                : $"answer {shown} from {server}, expected {expected}", started));
        }
        return DnsVerdict.Final(ProbeResult.Up(
            $"{_query} {_options.Type} {shown} from {server}{(tcp ? " over TCP" : "")}", Elapsed(started)));
    }

    private ProbeResult Down(string reason, long started) => ProbeResult.Down(reason, Elapsed(started));

    private TimeSpan Elapsed(long started) => _time.GetElapsedTime(started);

    private static ushort NewId() => (ushort)RandomNumberGenerator.GetInt32(0, 0x10000);
}
