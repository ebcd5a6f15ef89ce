using System.Net;
using System.Net.Sockets;

namespace Failover.Carp.Protocol;

/// <summary>
/// The checks ucarp applies to a received advertisement, in ucarp's order, over an IPv4 packet as a Linux
/// raw socket returns it (IP header + payload). Never throws for any packet bytes.
/// </summary>
public static class CarpReceiveCheck
{
    /// <param name="ownSource">Our own source address; our adverts come back through multicast loopback.</param>
    /// <param name="keyForVhid">The key of the local group with this vhid, or null if we have none.</param>
    public static CarpReceiveResult Check(ReadOnlySpan<byte> ipPacket, IPAddress ownSource, Func<byte, CarpKey?> keyForVhid)
    {
        ArgumentNullException.ThrowIfNull(ownSource);
        ArgumentNullException.ThrowIfNull(keyForVhid);

        if (!Ipv4Header.TryRead(ipPacket, out var ip) || ip.Protocol != CarpWire.ProtocolNumber)
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.Malformed);
        }

        var sourceBytes = ipPacket.Slice(Ipv4Header.SourceOffset, 4);
        if (IsOwn(sourceBytes, ownSource))
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.OwnPacket);
        }

        var source = new IPAddress(sourceBytes);
        if (ipPacket.Length < ip.HeaderLength + CarpHeader.Size)
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.Short, source: source);
        }

        var carp = ipPacket.Slice(ip.HeaderLength, CarpHeader.Size);
        var header = CarpHeader.Read(carp);
        if (ip.Ttl != CarpWire.Ttl)
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.BadTtl, header.Vhid, source);
        }

        if (header.Version != CarpWire.Version)
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.BadVersion, header.Vhid, source);
        }

        var key = keyForVhid(header.Vhid);
        if (key is null)
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.OtherVhid, header.Vhid, source);
        }

        if (ip.Destination != CarpWire.MulticastGroupValue)
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.BadDestination, header.Vhid, source);
        }

        if (InternetChecksum.Compute(ipPacket[..ip.HeaderLength]) != 0 || InternetChecksum.Compute(carp) != 0)
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.BadChecksum, header.Vhid, source);
        }

        if (!key.Verify(header.Counter, CarpHeader.Hmac(carp)))
        {
            return CarpReceiveResult.Rejected(CarpRejectReason.BadHmac, header.Vhid, source);
        }

        return CarpReceiveResult.Accepted(new ReceivedAdvertisement(source, ip.Ttl, header));
    }

    private static bool IsOwn(ReadOnlySpan<byte> source, IPAddress ownSource)
    {
        Span<byte> own = stackalloc byte[4];
        return ownSource.AddressFamily == AddressFamily.InterNetwork
            && ownSource.TryWriteBytes(own, out _)
            && source.SequenceEqual(own);
    }
}
