using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Failover.Peer.Wire;

/// <summary>
/// Frame encode and verify (layout in src/Peer/README.md). Pure: bytes and a key in, bytes or a reject reason out;
/// nothing here throws on input from the network.
/// </summary>
public static class PeerFrameCodec
{
    public const byte Version = 1;
    public const int HeaderSize = 24;
    public const int MacSize = 32;
    public const int Overhead = HeaderSize + MacSize;
    public const int DefaultMaxFrameSize = 64 * 1024;
    private const byte Magic0 = (byte)'F', Magic1 = (byte)'P';

    public static byte[] Encode(PeerFrame frame, PeerKey key, PeerDirection direction)
    {
        var output = new byte[Overhead + frame.Body.Length];
        output[0] = Magic0;
        output[1] = Magic1;
        output[2] = Version;
        output[3] = (byte)frame.Type;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(4), (uint)frame.Body.Length);
        BinaryPrimitives.WriteUInt64BigEndian(output.AsSpan(8), frame.Sequence);
        BinaryPrimitives.WriteInt64BigEndian(output.AsSpan(16), frame.Timestamp);
        frame.Body.CopyTo(output.AsSpan(HeaderSize));
        var signed = output.AsSpan(0, HeaderSize + frame.Body.Length);
        Mac(key, direction, signed, output.AsSpan(signed.Length));
        return output;
    }

    /// <summary>
    /// Checks a header (the first <see cref="HeaderSize"/> bytes) before the rest is read from a stream, so an
    /// oversize or foreign frame costs no allocation. On success <paramref name="frameSize"/> is the whole frame's size.
    /// </summary>
    public static PeerRejectReason Measure(ReadOnlySpan<byte> header, int maxFrameSize, out int frameSize)
    {
        frameSize = 0;
        if (header.Length < HeaderSize)
            return PeerRejectReason.Truncated;
        if (header[0] != Magic0 || header[1] != Magic1)
            return PeerRejectReason.Malformed;
        if (header[2] != Version)
            return PeerRejectReason.BadVersion;
        var bodyLength = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (bodyLength > (uint)Math.Max(0, maxFrameSize - Overhead))
            return PeerRejectReason.Oversize;
        if (!Enum.IsDefined((PeerFrameType)header[3]))
            return PeerRejectReason.Malformed;
        frameSize = Overhead + (int)bodyLength;
        return PeerRejectReason.None;
    }

    /// <summary>Verifies one whole frame (exactly one: trailing bytes are refused).</summary>
    public static PeerRejectReason Decode(ReadOnlySpan<byte> input, PeerKey key, PeerDirection direction, int maxFrameSize, out PeerFrame? frame)
    {
        frame = null;
        var reason = Measure(input, maxFrameSize, out var frameSize);
        if (reason != PeerRejectReason.None)
            return reason;
        if (input.Length < frameSize)
            return PeerRejectReason.Truncated;
        if (input.Length > frameSize)
            return PeerRejectReason.Malformed;
        var signed = input[..(frameSize - MacSize)];
        Span<byte> expected = stackalloc byte[MacSize];
        Mac(key, direction, signed, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, input[signed.Length..]))
            return PeerRejectReason.BadMac;
        frame = new PeerFrame(
            (PeerFrameType)input[3],
            BinaryPrimitives.ReadUInt64BigEndian(input[8..]),
            BinaryPrimitives.ReadInt64BigEndian(input[16..]),
            input[HeaderSize..signed.Length].ToArray());
        return PeerRejectReason.None;
    }

    // HMAC-SHA256 over direction byte ‖ header ‖ body.
    private static void Mac(PeerKey key, PeerDirection direction, ReadOnlySpan<byte> signed, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Bytes);
        hmac.AppendData([(byte)direction]);
        hmac.AppendData(signed);
        hmac.GetHashAndReset(destination);
    }
}
