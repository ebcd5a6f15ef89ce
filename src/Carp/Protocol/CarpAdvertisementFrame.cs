using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Failover.Carp.Protocol;

/// <summary>
/// A whole CARP advertisement as ucarp puts it on the wire: an IPv4 packet (TOS 0x10, DF, TTL 255,
/// protocol 112, to 224.0.0.18) and, for a packet socket, the Ethernet frame around it with the
/// virtual source MAC 00:00:5e:00:00:VHID.
/// </summary>
public static class CarpAdvertisementFrame
{
    public const int EthernetHeaderSize = 14;
    public const int PacketSize = Ipv4Header.MinimumSize + CarpHeader.Size;
    public const int FrameSize = EthernetHeaderSize + PacketSize;

    private const ushort EtherTypeIPv4 = 0x0800;

    /// <summary>Writes the 56-byte IPv4 packet (header included) carrying the advertisement.</summary>
    /// <param name="identification">The IP id; ucarp picks a random one per packet.</param>
    public static void WritePacket(
        Span<byte> destination, IPAddress source, ushort identification,
        byte vhid, CarpTiming timing, ulong counter, CarpKey key)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"CARP runs over IPv4, not {source}.", nameof(source));
        }

        if (destination.Length < PacketSize)
        {
            throw new ArgumentException($"The packet needs {PacketSize} bytes.", nameof(destination));
        }

        var ip = destination[..Ipv4Header.MinimumSize];
        ip[0] = 0x45;
        ip[1] = CarpWire.TypeOfService;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], PacketSize);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // DF, offset 0
        ip[8] = CarpWire.Ttl;
        ip[9] = CarpWire.ProtocolNumber;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        source.TryWriteBytes(ip[Ipv4Header.SourceOffset..], out _);
        BinaryPrimitives.WriteUInt32BigEndian(ip[Ipv4Header.DestinationOffset..], CarpWire.MulticastGroupValue);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Compute(ip));

        CarpAdvertisementWriter.Write(destination[Ipv4Header.MinimumSize..], vhid, timing, counter, key);
    }

    /// <summary>Writes the 70-byte Ethernet frame ucarp sends through its packet socket.</summary>
    /// <param name="broadcast">ucarp's --nomcast: Ethernet broadcast; the IP destination stays 224.0.0.18.</param>
    public static void WriteFrame(
        Span<byte> destination, IPAddress source, ushort identification,
        byte vhid, CarpTiming timing, ulong counter, CarpKey key, bool broadcast = false)
    {
        if (destination.Length < FrameSize)
        {
            throw new ArgumentException($"The frame needs {FrameSize} bytes.", nameof(destination));
        }

        var ethernet = destination[..EthernetHeaderSize];
        if (broadcast)
        {
            ethernet[..6].Fill(0xFF);
        }
        else
        {
            CarpWire.MulticastMacBytes.CopyTo(ethernet);
        }

        CarpWire.VirtualMacPrefix.CopyTo(ethernet[6..]);
        ethernet[11] = vhid;
        BinaryPrimitives.WriteUInt16BigEndian(ethernet[12..], EtherTypeIPv4);

        WritePacket(destination[EthernetHeaderSize..], source, identification, vhid, timing, counter, key);
    }
}
