using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Failover.Peer.Session;
using Failover.Peer.Wire;

namespace Failover.Peer.Transport;

// The connecting side: sends this node's snapshots and listens for acks.
public sealed partial class PeerLink
{
    private async Task ConnectLoopAsync(CancellationToken cancel)
    {
        var backoff = options.ReconnectMin;
        try
        {
            // Nothing to say before the first Publish: connecting earlier would only time out.
            while (Volatile.Read(ref published) is null)
                await publishSignal.Reader.WaitToReadAsync(cancel);
            while (!cancel.IsCancellationRequested)
            {
                try
                {
                    if (await RunOutboundAsync(cancel))
                        backoff = options.ReconnectMin;
                }
                catch (Exception e) when (!cancel.IsCancellationRequested)
                {
                    // Whatever went wrong with one connection, the next attempt starts clean.
                    options.Log?.Invoke($"peer {options.PeerNode}: outbound connection failed: {e.Message}");
                }
                await Task.Delay(backoff, time, cancel);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.ReconnectMax.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    /// <summary>One outbound connection, until it fails or goes unacknowledged; true when its handshake succeeded.</summary>
    private async Task<bool> RunOutboundAsync(CancellationToken cancel)
    {
        // An IP peer gets a socket of its own family (a dual-mode socket fails where IPv6 is disabled); a host name, dual mode.
        using var socket = options.Peer is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var remote = options.Peer.ToString() ?? "?";
        PeerSession session;
        NetworkStream stream;
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            handshake.CancelAfter(options.HandshakeTimeout);
            await socket.ConnectAsync(options.Peer, handshake.Token);
            stream = new NetworkStream(socket, ownsSocket: false);
            session = PeerSession.Initiate(options.LocalNode, options.PeerNode, options.Key,
                RandomNumberGenerator.GetBytes(PeerGreeting.NonceSize), options.TimeWindow, options.MaxFrameSize);
            await stream.WriteAsync(session.Hello(NowMs), handshake.Token);
            var (frame, reject) = await PeerFrameStream.ReadAsync(stream, options.MaxFrameSize, handshake.Token);
            if (frame is null)
            {
                if (reject != PeerRejectReason.None)
                    Reject(reject, $"outbound to {remote}");
                return false;
            }
            var receipt = session.Receive(frame, NowMs);
            if (!receipt.Accepted)
            {
                Reject(receipt.Reject, $"outbound to {remote}");
                return false;
            }
        }
        catch (Exception e) when (!cancel.IsCancellationRequested && e is OperationCanceledException or IOException or SocketException)
        {
            return false;
        }
        options.Log?.Invoke($"peer {options.PeerNode}: outbound session to {remote} established");

        var lastAck = Stopwatch.GetTimestamp();
        var acks = ReadAcksAsync(stream, session, () => Volatile.Write(ref lastAck, Stopwatch.GetTimestamp()), connection);
        try
        {
            await using (stream)
                await SendSnapshotsAsync(stream, session, () => Stopwatch.GetElapsedTime(Volatile.Read(ref lastAck)), connection.Token);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested && e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            connection.Cancel();
            socket.Close();
            await acks;
        }
        return true;
    }

    private async Task SendSnapshotsAsync(NetworkStream stream, PeerSession session, Func<TimeSpan> sinceAck, CancellationToken cancel)
    {
        while (true)
        {
            // The peer has not acknowledged for a whole silence window: it does not hear us (half-open
            // connection, peer rebooted): start over rather than write into a dead socket's buffer.
            if (sinceAck() >= options.EffectiveSilence)
            {
                options.Log?.Invoke($"peer {options.PeerNode}: outbound session unacknowledged, reconnecting");
                return;
            }
            var body = Volatile.Read(ref published)!;
            byte[] frame;
            lock (session)
                frame = session.Seal(PeerFrameType.Snapshot, body, NowMs);
            await stream.WriteAsync(frame, cancel);
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            tick.CancelAfter(options.Interval);
            try
            {
                await publishSignal.Reader.WaitToReadAsync(tick.Token);
                publishSignal.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                // The interval passed without a change: send the same snapshot again.
            }
        }
    }

    private async Task ReadAcksAsync(NetworkStream stream, PeerSession session, Action acked, CancellationTokenSource connection)
    {
        try
        {
            while (true)
            {
                var (frame, reject) = await PeerFrameStream.ReadAsync(stream, options.MaxFrameSize, connection.Token);
                if (frame is null)
                {
                    if (reject != PeerRejectReason.None)
                        Reject(reject, "outbound ack");
                    return;
                }
                PeerReceipt receipt;
                lock (session)
                    receipt = session.Receive(frame, NowMs);
                if (!receipt.Accepted || receipt.Frame!.Type != PeerFrameType.Ack)
                {
                    Reject(receipt.Accepted ? PeerRejectReason.BadHandshake : receipt.Reject, "outbound ack");
                    return;
                }
                acked();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            connection.Cancel();
        }
    }
}
