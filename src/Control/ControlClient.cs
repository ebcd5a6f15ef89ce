using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Failover.Control;

/// <summary>Sends one request to failoverd's control socket and returns its response.</summary>
public static class ControlClient
{
    public static async Task<ControlResponse> SendAsync(string socketPath, ControlRequest request, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel.Token).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var line = JsonSerializer.Serialize(request, ControlJson.Default.ControlRequest) + "\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancel.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var reply = await reader.ReadLineAsync(cancel.Token).ConfigureAwait(false)
            ?? throw new IOException("failoverd closed the connection without answering");
        return JsonSerializer.Deserialize(reply, ControlJson.Default.ControlResponse)
            ?? throw new IOException("failoverd sent an empty answer");
    }
}
