using System.Runtime.InteropServices;

namespace Failover.Linux;

/// <summary>The libc calls the managed Socket cannot make for us (REFERENCE §5).</summary>
internal static partial class Libc
{
    public const int AF_INET = 2;
    public const int AF_NETLINK = 16;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int NETLINK_ROUTE = 0;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, ReadOnlySpan<byte> address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);
}
