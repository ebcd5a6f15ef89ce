using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Failover.Carp.StateMachine;

/// <summary>
/// Decides between two masters that advertise identical timing (advbase and advskew).
/// </summary>
/// <remarks>
/// Rule: the two IPv4 source addresses are compared as unsigned 32-bit numbers in network byte order
/// (192.0.2.1 &lt; 192.0.2.2 &lt; 192.0.3.1), and the LOWER address wins: it stays or becomes master.
/// <para>
/// Relation to ucarp 1.5.2: ucarp compares the raw <c>in_addr</c> as a host integer, which on a
/// little-endian host compares the last octet first. Both rules agree whenever the addresses differ only
/// in their last octet (the usual pair on one subnet). Where they differ in an earlier octet (for example
/// 10.0.1.2 vs 10.0.2.1) a mixed ucarp/failoverd pair with identical advbase/advskew may both yield or
/// both stay master; give the two nodes different advskew, which is the normal setup anyway.
/// </para>
/// </remarks>
internal static class MasterTieBreak
{
    /// <summary>Negative if <paramref name="a"/> wins over <paramref name="b"/>, positive if b wins, 0 if equal.</summary>
    public static int Compare(IPAddress a, IPAddress b) => ToNumber(a).CompareTo(ToNumber(b));

    /// <summary>True if <paramref name="peer"/> wins the tie against <paramref name="ours"/>.</summary>
    public static bool PeerWins(IPAddress ours, IPAddress peer) => Compare(peer, ours) < 0;

    private static uint ToNumber(IPAddress address)
    {
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (v4.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"CARP speaks IPv4 only, got {address}", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        v4.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
