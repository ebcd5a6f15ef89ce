using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Failover.Carp.Protocol;

/// <summary>
/// The HMAC-SHA1 that authenticates a CARP advertisement, as ucarp computes it: key = password bytes,
/// message = 0x02, 0x01, vhid, the first VIP (4 bytes), counter (8 bytes big-endian). Only one VIP is
/// covered; source IP, advbase and advskew are not.
/// </summary>
public sealed class CarpKey
{
    public const int HmacSize = 20;

    /// <summary>ucarp keeps the password and its NUL in a 20-byte buffer.</summary>
    public const int MaxPasswordLength = 19;

    private const int PrefixLength = 7;
    private const int MessageLength = PrefixLength + sizeof(ulong);

    private readonly byte[] _password;
    private readonly byte[] _messagePrefix;

    public CarpKey(ReadOnlySpan<byte> password, byte vhid, IPAddress firstVip)
    {
        ArgumentNullException.ThrowIfNull(firstVip);
        if (password.IsEmpty || password.Length > MaxPasswordLength)
        {
            throw new ArgumentException(
                $"A CARP password must be 1 to {MaxPasswordLength} bytes (ucarp's limit), not {password.Length}.",
                nameof(password));
        }

        // ucarp copies the password as a C string, so a NUL would silently cut it short there.
        if (password.Contains((byte)0))
        {
            throw new ArgumentException("A CARP password cannot contain a NUL byte.", nameof(password));
        }

        if (firstVip.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"The CARP HMAC covers an IPv4 address, not {firstVip}.", nameof(firstVip));
        }

        _password = password.ToArray();
        _messagePrefix = new byte[PrefixLength];
        _messagePrefix[0] = CarpWire.Version;
        _messagePrefix[1] = CarpWire.TypeAdvertisement;
        _messagePrefix[2] = vhid;
        firstVip.TryWriteBytes(_messagePrefix.AsSpan(3), out _);
        Vhid = vhid;
        FirstVip = firstVip;
    }

    public byte Vhid { get; }

    public IPAddress FirstVip { get; }

    /// <summary>Writes the 20-byte HMAC for <paramref name="counter"/> into <paramref name="destination"/>.</summary>
    public void ComputeHmac(ulong counter, Span<byte> destination)
    {
        if (destination.Length < HmacSize)
        {
            throw new ArgumentException($"The HMAC needs {HmacSize} bytes.", nameof(destination));
        }

        Span<byte> message = stackalloc byte[MessageLength];
        _messagePrefix.CopyTo(message);
        BinaryPrimitives.WriteUInt64BigEndian(message[PrefixLength..], counter);
        HMACSHA1.HashData(_password, message, destination);
    }

    /// <summary>Whether <paramref name="hmac"/> is the HMAC for <paramref name="counter"/>, compared in constant time.</summary>
    public bool Verify(ulong counter, ReadOnlySpan<byte> hmac)
    {
        Span<byte> expected = stackalloc byte[HmacSize];
        ComputeHmac(counter, expected);
        return CryptographicOperations.FixedTimeEquals(expected, hmac);
    }
}
