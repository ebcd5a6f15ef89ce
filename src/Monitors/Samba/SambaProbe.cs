using System.Net.Sockets;
using Failover.Monitors.Net;
using Failover.Monitors.Health;
using Failover.Monitors.Tcp;

namespace Failover.Monitors.Samba;

/// <summary>
/// Checks an SMB server at the protocol level with one SMB2 NEGOTIATE on every run (REFERENCE §4): healthy
/// when the reply has the SMB2 magic, status 0, a NEGOTIATE body (StructureSize 65) and one of the dialects
/// we offered. With a <see cref="SambaProbeOptions.Share"/>, some runs also log on and read the share with
/// smbclient (<see cref="ShareCheckCadence"/> says which), and a failed check makes the run DOWN.
/// </summary>
public sealed class SambaProbe : IProbe
{
    /// <summary>A NEGOTIATE reply is a few hundred bytes (the SPNEGO blob); anything near this is not one.</summary>
    private const int MaxReplyLength = 65536;

    private readonly SambaProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly SmbclientShareCheck? _shareCheck;
    private readonly ShareCheckCadence? _cadence;
    private readonly Lock _cadenceLock = new();
    private string _lastShareCheck = "";

    public SambaProbe(string name, SambaProbeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Server);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
        if (options.Share is { } share)
        {
            if (SambaShareCheck.ShareNameProblem(share.Share) is { } badName)
                throw new ArgumentException($"share name {badName}", nameof(options));
            if (share.Path is { } path && SambaShareCheck.PathProblem(path) is { } badPath)
                throw new ArgumentException($"share path {badPath}", nameof(options));
            if (!Path.IsPathFullyQualified(share.AuthFile) || !Path.IsPathFullyQualified(share.Smbclient))
                throw new ArgumentException("share auth file and smbclient must be absolute paths", nameof(options));
            _cadence = new ShareCheckCadence(share.Every);
            _shareCheck = new SmbclientShareCheck(share, options.Server, _time);
        }
    }

    public string Name { get; }

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var negotiated = await NegotiateAsync(started, cancellationToken).ConfigureAwait(false);
        if (_shareCheck is null || _cadence is null)
            return negotiated;
        lock (_cadenceLock)
        {
            if (!negotiated.Healthy)
            {
                _cadence.ServerFailed();
                return negotiated;
            }
            if (!_cadence.TakeTurn())
                return negotiated with { Reason = $"{negotiated.Reason}; last share check: {_lastShareCheck}" };
        }

        var left = _options.Timeout - _time.GetElapsedTime(started);
        var share = left > TimeSpan.Zero
            ? await _shareCheck.RunAsync(left, cancellationToken).ConfigureAwait(false)
            : ProbeResult.Down($"no time left for the share check within {Duration.Format(_options.Timeout)}", TimeSpan.Zero);
        lock (_cadenceLock)
        {
            _cadence.Checked(share.Healthy);
            _lastShareCheck = share.Reason;
        }
        var latency = _time.GetElapsedTime(started);
        return share.Healthy ? ProbeResult.Up($"{negotiated.Reason}; {share.Reason}", latency) : ProbeResult.Down(share.Reason, latency);
    }

    private async Task<ProbeResult> NegotiateAsync(long started, CancellationToken cancellationToken)
    {
        var server = _options.Server;
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        try
        {
            using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server, token).ConfigureAwait(false);
            var request = new byte[Smb2Negotiate.RequestLength];
            Smb2Negotiate.Write(request);
            await socket.SendAsync(request, SocketFlags.None, token).ConfigureAwait(false);

            var frame = new byte[Smb2Negotiate.FrameHeaderLength];
            if (!await SocketReads.ReceiveExactlyAsync(socket, frame, token).ConfigureAwait(false))
            {
                return Down($"connection closed by {server} before a reply", started);
            }
            if (!Smb2Negotiate.TryReadFrameLength(frame, out var length, out var frameError))
            {
                return Down($"not an SMB2 reply from {server}: {frameError}", started);
            }
            if (length > MaxReplyLength)
            {
                return Down($"not an SMB2 reply from {server}: a frame of {length} bytes", started);
            }
            var message = new byte[length];
            if (!await SocketReads.ReceiveExactlyAsync(socket, message, token).ConfigureAwait(false))
            {
                return Down($"connection closed by {server} within a reply of {length} bytes", started);
            }
            return Judge(message, started);
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

    private ProbeResult Judge(ReadOnlySpan<byte> message, long started)
    {
        var server = _options.Server;
        if (!Smb2Negotiate.TryParseResponse(message, out var reply, out var error))
        {
            return Down($"not an SMB2 reply from {server}: {error}", started);
        }
        if (reply.Status != NtStatus.Success)
        {
            return Down($"SMB2 status {NtStatus.Describe(reply.Status)} from {server}", started);
        }
        if (reply.BodyStructureSize != 65)
        {
            return Down($"SMB2 NEGOTIATE reply from {server} has body StructureSize {reply.BodyStructureSize}, expected 65", started);
        }
        if (!Smb2Dialect.Offered.Contains(reply.DialectRevision))
        {
            return Down($"SMB2 dialect {Smb2Dialect.Name(reply.DialectRevision)} from {server} was not offered", started);
        }
        var latency = _time.GetElapsedTime(started);
        return ProbeResult.Up($"SMB2 dialect {Smb2Dialect.Name(reply.DialectRevision)} from {server}", latency);
    }

    private ProbeResult Down(string reason, long started) => ProbeResult.Down(reason, _time.GetElapsedTime(started));
}
