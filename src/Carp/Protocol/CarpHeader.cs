using System.Buffers.Binary;

namespace Failover.Carp.Protocol;

/// <summary>
/// The fixed fields of the 36-byte CARP header. The 20-byte HMAC that follows them stays in the
/// buffer (<see cref="Hmac"/>) to keep this struct small.
/// </summary>
/// <param name="Demote">The pad byte: OpenBSD's demotion counter, always 0 from ucarp.</param>
public readonly record struct CarpHeader(
    byte Version,
    byte Type,
    byte Vhid,
    byte AdvSkew,
    byte AuthLen,
    byte Demote,
    byte AdvBase,
    ushort Checksum,
    ulong Counter)
{
    public const int Size = 36;
    public const int ChecksumOffset = 6;
    public const int CounterOffset = 8;
    public const int HmacOffset = 16;

    public CarpTiming Timing => new(AdvBase, AdvSkew);

    /// <summary>Reads the header from the first 36 bytes of <paramref name="source"/>.</summary>
    public static CarpHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException($"A CARP header needs {Size} bytes, got {source.Length}.", nameof(source));
        }

        return new CarpHeader(
            Version: (byte)(source[0] >> 4),
            Type: (byte)(source[0] & 0x0F),
            Vhid: source[1],
            AdvSkew: source[2],
            AuthLen: source[3],
            Demote: source[4],
            AdvBase: source[5],
            Checksum: BinaryPrimitives.ReadUInt16BigEndian(source[ChecksumOffset..]),
            Counter: BinaryPrimitives.ReadUInt64BigEndian(source[CounterOffset..]));
    }

    /// <summary>The 20-byte HMAC of the header that starts <paramref name="source"/>.</summary>
    public static ReadOnlySpan<byte> Hmac(ReadOnlySpan<byte> source) => source.Slice(HmacOffset, CarpKey.HmacSize);
}
