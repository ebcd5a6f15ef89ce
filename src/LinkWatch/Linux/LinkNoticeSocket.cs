using System.Buffers.Binary;
using System.Net.Sockets;
using Failover.Linux;

namespace Failover.LinkWatch.Linux;

/// <summary>
/// An rtnetlink socket subscribed to RTMGRP_LINK: the kernel pushes an RTM_NEWLINK/RTM_DELLINK on
/// every link change, and answers our RTM_GETLINK dumps on the same socket. One socket for both keeps
/// notices and dump parts in the order the kernel produced them, so a change made during a dump is
/// never overtaken by a stale dump entry.
/// </summary>
internal sealed class LinkNoticeSocket : IDisposable
{
    private const uint RTMGRP_LINK = 1;

    private readonly Socket _socket;

    private LinkNoticeSocket(Socket socket) => _socket = socket;

    /// <param name="receiveBufferBytes">SO_RCVBUF; the kernel caps it at net.core.rmem_max.</param>
    public static LinkNoticeSocket Open(int receiveBufferBytes)
    {
        var socket = LinuxSockets.OpenNetlinkRoute(RTMGRP_LINK);
        try
        {
            socket.ReceiveBufferSize = receiveBufferBytes;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new LinkNoticeSocket(socket);
    }

    public void SendDumpRequest(uint sequence)
    {
        Span<byte> request = stackalloc byte[LinkMessage.DumpRequestLength];
        LinkMessage.WriteDumpRequest(request, sequence);
        _socket.Send(request);
    }

    /// <summary>One datagram: a notice, or a part of a dump. Overflow throws SocketError.NoBufferSpaceAvailable (ENOBUFS).</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancel) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancel);

    public void Dispose() => _socket.Dispose();
}
