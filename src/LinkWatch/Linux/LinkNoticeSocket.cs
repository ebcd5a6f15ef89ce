using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

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
    private const int SockaddrNlLength = 12;

    private readonly Socket _socket;

    private LinkNoticeSocket(Socket socket) => _socket = socket;

    /// <param name="receiveBufferBytes">SO_RCVBUF; the kernel caps it at net.core.rmem_max.</param>
    public static LinkNoticeSocket Open(int receiveBufferBytes)
    {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        if (fd < 0)
            throw new SocketException(Marshal.GetLastPInvokeError());

        // sockaddr_nl: family, pad, port id 0 (the kernel picks one), multicast groups.
        Span<byte> address = stackalloc byte[SockaddrNlLength];
        address.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(address, Libc.AF_NETLINK);
        BinaryPrimitives.WriteUInt32LittleEndian(address[8..], RTMGRP_LINK);
        if (Libc.bind(fd, address, SockaddrNlLength) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Libc.close(fd);
            throw new SocketException(errno);
        }

        var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
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
