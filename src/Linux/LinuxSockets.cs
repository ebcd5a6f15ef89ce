using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Failover.Linux;

/// <summary>
/// Opens the sockets .NET's Socket constructor refuses, and wraps them in a managed Socket so the rest
/// of the code uses ordinary Send/Receive/SetRawSocketOption: a raw IPv4 socket for a protocol the
/// runtime does not know (CARP, 112), and rtnetlink sockets (AF_NETLINK has no managed constructor and
/// no sockaddr_nl for bind).
/// </summary>
public static class LinuxSockets
{
    private const int SockaddrNlLength = 12;

    /// <exception cref="SocketException">No permission (needs CAP_NET_RAW) or no such protocol.</exception>
    public static Socket OpenRawIPv4(int protocol) => Wrap(Libc.socket(Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol));

    /// <summary>An rtnetlink socket, bound to <paramref name="multicastGroups"/> (RTMGRP_* bits) when non-zero.</summary>
    public static Socket OpenNetlinkRoute(uint multicastGroups = 0)
    {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        if (fd >= 0 && multicastGroups != 0)
        {
            // sockaddr_nl: family, pad, port id 0 (the kernel picks one), multicast groups.
            Span<byte> address = stackalloc byte[SockaddrNlLength];
            address.Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(address, Libc.AF_NETLINK);
            BinaryPrimitives.WriteUInt32LittleEndian(address[8..], multicastGroups);
            if (Libc.bind(fd, address, SockaddrNlLength) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                Libc.close(fd);
                throw new SocketException(errno);
            }
        }
        return Wrap(fd);
    }

    private static Socket Wrap(int fd) =>
        fd < 0 ? throw new SocketException(Marshal.GetLastPInvokeError()) : new Socket(new SafeSocketHandle(fd, ownsHandle: true));
}
