using System.Security.Cryptography;
using System.Text;

namespace Failover.Peer.Wire;

/// <summary>
/// The 32-byte channel key. It is derived from the group secrets with HKDF-SHA256 and a label, so it differs
/// from the CARP HMAC key (the raw password): a captured CARP advert says nothing about this key and back.
/// </summary>
public sealed class PeerKey
{
    public const int Size = 32;
    internal static readonly byte[] ChannelLabel = "failover-peer channel v1"u8.ToArray();
    internal static readonly byte[] SessionLabel = "failover-peer session v1"u8.ToArray();

    private readonly byte[] bytes;

    private PeerKey(byte[] bytes) => this.bytes = bytes;

    internal ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>One secret (a pair with one group, or a dedicated peer secret).</summary>
    public static PeerKey FromSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
            throw new ArgumentException("the peer secret is empty", nameof(secret));
        return new PeerKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), Size, salt: [], info: ChannelLabel));
    }

    /// <summary>
    /// Every group's secret, so both nodes must have the same groups with the same secrets. The input keying
    /// material is, for each group in ordinal name order: name length (1 byte), UTF-8 name, secret length (1 byte),
    /// secret.
    /// </summary>
    public static PeerKey FromGroupSecrets(IEnumerable<KeyValuePair<string, byte[]>> secrets)
    {
        using var material = new MemoryStream();
        foreach (var (name, secret) in secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            if (nameBytes.Length > 255 || secret.Length is 0 or > 255)
                throw new ArgumentException($"group {name}: name or secret length out of range", nameof(secrets));
            material.WriteByte((byte)nameBytes.Length);
            material.Write(nameBytes);
            material.WriteByte((byte)secret.Length);
            material.Write(secret);
        }
        return FromSecret(material.ToArray());
    }

    /// <summary>The per-connection key: both fresh nonces as salt, so frames of a recorded session verify nowhere else.</summary>
    internal PeerKey ForSession(ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> responderNonce)
    {
        var salt = new byte[initiatorNonce.Length + responderNonce.Length];
        initiatorNonce.CopyTo(salt);
        responderNonce.CopyTo(salt.AsSpan(initiatorNonce.Length));
        return new PeerKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, Size, salt, SessionLabel));
    }
}
