using System.Buffers.Binary;

namespace Failover.Carp.Protocol;

/// <summary>The RFC 1071 Internet checksum used by the IPv4 header and the CARP header.</summary>
public static class InternetChecksum
{
    /// <summary>
    /// The ones-complement of the ones-complement sum of <paramref name="data"/> as big-endian 16-bit
    /// words (an odd last byte is padded with zero). Over data that already holds a correct checksum
    /// the result is 0, which is how receivers verify.
    /// </summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        // A 64-bit accumulator cannot overflow for any span length .NET allows, so fold only at the end.
        ulong sum = 0;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
