using System.Net.Sockets;

namespace Failover.Monitors.Net;

/// <summary>Reads shared by the probes that speak a framed protocol over TCP (DNS over TCP, SMB2).</summary>
internal static class SocketReads
{
    /// <summary>Fills <paramref name="destination"/>; false when the peer closed the connection first.</summary>
    public static async Task<bool> ReceiveExactlyAsync(Socket socket, Memory<byte> destination, CancellationToken token)
    {
        while (!destination.IsEmpty)
        {
            var received = await socket.ReceiveAsync(destination, SocketFlags.None, token).ConfigureAwait(false);
            if (received == 0)
            {
                return false;
            }
            destination = destination[received..];
        }
        return true;
    }
}
