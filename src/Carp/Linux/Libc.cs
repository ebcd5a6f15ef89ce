using System.Runtime.InteropServices;

namespace Failover.Carp.Linux;

/// <summary>The few libc calls the managed Socket cannot make for us (REFERENCE §5).</summary>
internal static partial class Libc
{
    public const int AF_INET = 2;
    public const int AF_NETLINK = 16;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int NETLINK_ROUTE = 0;

    public const int SOL_SOCKET = 1;
    public const int SO_BINDTODEVICE = 25;

    public const int IPPROTO_IP = 0;
    public const int IP_TOS = 1;
    public const int IP_HDRINCL = 3;
    public const int IP_MTU_DISCOVER = 10;
    public const int IP_MULTICAST_IF = 32;
    public const int IP_MULTICAST_TTL = 33;
    public const int IP_MULTICAST_LOOP = 34;
    public const int IP_ADD_MEMBERSHIP = 35;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, ReadOnlySpan<byte> address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial uint if_nametoindex(string name);

    public static string LastError() => Marshal.GetLastPInvokeErrorMessage();
}
