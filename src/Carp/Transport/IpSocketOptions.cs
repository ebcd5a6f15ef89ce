namespace Failover.Carp.Transport;

/// <summary>The Linux socket option numbers the CARP socket sets (netinet/in.h, asm/socket.h).</summary>
internal static class IpSocketOptions
{
    public const int SOL_SOCKET = 1;
    public const int SO_BINDTODEVICE = 25;

    public const int IPPROTO_IP = 0;
    public const int IP_HDRINCL = 3;
    public const int IP_MULTICAST_IF = 32;
    public const int IP_MULTICAST_LOOP = 34;
    public const int IP_ADD_MEMBERSHIP = 35;
}
