using System.Buffers.Binary;

namespace Failover.Carp.Protocol;

/// <summary>The IPv4 header fields CARP cares about; addresses stay as network-order integers.</summary>
internal readonly record struct Ipv4Header(
    int HeaderLength,
    byte TypeOfService,
    ushort TotalLength,
    ushort Identification,
    bool DontFragment,
    byte Ttl,
    byte Protocol,
    ushort Checksum,
    uint Source,
    uint Destination)
{
    public const int MinimumSize = 20;
    public const int SourceOffset = 12;
    public const int DestinationOffset = 16;

    /// <summary>Reads an IPv4 header; false when it is not IPv4 or its IHL does not fit the span.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinimumSize || packet[0] >> 4 != 4)
        {
            return false;
        }

        int headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < MinimumSize || headerLength > packet.Length)
        {
            return false;
        }

        header = new Ipv4Header(
            HeaderLength: headerLength,
            TypeOfService: packet[1],
            TotalLength: BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Identification: BinaryPrimitives.ReadUInt16BigEndian(packet[4..]),
            DontFragment: (packet[6] & 0x40) != 0,
            Ttl: packet[8],
            Protocol: packet[9],
            Checksum: BinaryPrimitives.ReadUInt16BigEndian(packet[10..]),
            Source: BinaryPrimitives.ReadUInt32BigEndian(packet[SourceOffset..]),
            Destination: BinaryPrimitives.ReadUInt32BigEndian(packet[DestinationOffset..]));
        return true;
    }
}
