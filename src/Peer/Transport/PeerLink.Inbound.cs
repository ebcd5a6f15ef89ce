using System.Net.Sockets;
using System.Security.Cryptography;
using Failover.Peer.Session;
using Failover.Peer.Snapshot;
using Failover.Peer.Wire;

namespace Failover.Peer.Transport;

// The accepting side: hears the peer's snapshots and acks each one.
public sealed partial class PeerLink
{
    private int inboundConnections;

    private async Task AcceptAsync(TcpListener server, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await server.AcceptSocketAsync(cancel);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || cancel.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                options.Log?.Invoke($"peer {options.PeerNode}: accept failed: {e.SocketErrorCode}");
                // Out of descriptors, say: pause rather than spin.
                try
                {
                    await Task.Delay(options.ReconnectMin, time, cancel);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            if (Interlocked.Increment(ref inboundConnections) > options.MaxInboundConnections)
            {
                Interlocked.Decrement(ref inboundConnections);
                options.Log?.Invoke($"peer {options.PeerNode}: {options.MaxInboundConnections} inbound connections already, closing {socket.RemoteEndPoint}");
                socket.Dispose();
                continue;
            }
            Track(ServeInboundAsync(socket, cancel));
        }
    }

    private async Task ServeInboundAsync(Socket socket, CancellationToken cancel)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var session = PeerSession.Respond(options.LocalNode, options.PeerNode, options.Key,
            RandomNumberGenerator.GetBytes(PeerGreeting.NonceSize), options.TimeWindow, seenHellos, options.MaxFrameSize);
        try
        {
            while (true)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.Token);
                // Before the handshake a silent client gets the handshake timeout; after it, the silence window.
                deadline.CancelAfter(session.State == PeerSessionState.Established ? options.EffectiveSilence : options.HandshakeTimeout);
                var (frame, reject) = await PeerFrameStream.ReadAsync(stream, options.MaxFrameSize, deadline.Token);
                if (frame is null)
                {
                    if (reject != PeerRejectReason.None)
                        Reject(reject, $"inbound from {remote}");
                    return;
                }
                var receipt = session.Receive(frame, NowMs);
                if (!receipt.Accepted)
                {
                    Reject(receipt.Reject, $"inbound from {remote}");
                    return;
                }
                if (receipt.Reply is { } welcome)
                {
                    await stream.WriteAsync(welcome, connection.Token);
                    continue;
                }
                if (receipt.Frame!.Type != PeerFrameType.Snapshot)
                {
                    Reject(PeerRejectReason.BadHandshake, $"inbound from {remote}");
                    return;
                }
                var body = receipt.Frame.Body;
                if (PeerSnapshotCodec.TryDecode(body) is not { } snapshot)
                {
                    Reject(PeerRejectReason.Malformed, $"inbound from {remote}");
                    return;
                }
                if (snapshot.Node != options.PeerNode)
                {
                    Reject(PeerRejectReason.UnknownNode, $"inbound from {remote}");
                    return;
                }
                Heard(snapshot, body, connection);
                await stream.WriteAsync(session.Seal(PeerFrameType.Ack, [], NowMs), connection.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Silence, a reset, a newer session or shutdown: the connection ends; the watchdog judges reachability.
        }
        finally
        {
            Interlocked.Decrement(ref inboundConnections);
            lock (gate)
            {
                if (currentInbound == connection)
                    currentInbound = null;
            }
        }
    }
}
