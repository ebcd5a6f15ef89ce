using System.Net;
using System.Net.Sockets;

namespace Failover.Monitors.Tests.Samba;

/// <summary>An in-process SMB responder on 127.0.0.1 that reads one framed request per connection and
/// answers with whatever <c>reply</c> returns, sent as is (so garbage and bad framing are possible):
/// null holds the connection open in silence, an empty array closes it at once.</summary>
internal sealed class FakeSmbServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<byte[], byte[]?> _reply;

    public FakeSmbServer(Func<byte[], byte[]?> reply)
    {
        _reply = reply;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _ = ServeAsync();
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>The last request received, frame header included.</summary>
    public byte[]? LastRequest { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync(_stop.Token);
                _ = HandleAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task HandleAsync(Socket client)
    {
        using (client)
        {
            try
            {
                var frame = new byte[4];
                await ReceiveExactlyAsync(client, frame);
                var request = new byte[4 + (frame[1] << 16 | frame[2] << 8 | frame[3])];
                frame.CopyTo(request, 0);
                await ReceiveExactlyAsync(client, request.AsMemory(4));
                LastRequest = request;
                var reply = _reply(request);
                if (reply is null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                else if (reply.Length > 0)
                {
                    await client.SendAsync(reply, SocketFlags.None, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }
    }

    private async Task ReceiveExactlyAsync(Socket socket, Memory<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var received = await socket.ReceiveAsync(destination, SocketFlags.None, _stop.Token);
            if (received == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }
            destination = destination[received..];
        }
    }
}
