using System.Text;

namespace Failover.Peer.Wire;

/// <summary>
/// The body of a Hello or Welcome: <c>nonce(16) ‖ echo(16, Welcome only) ‖ len(1) from-node ‖ len(1) to-node</c>.
/// </summary>
/// <param name="Echo">The initiator's nonce, echoed in a Welcome; empty in a Hello.</param>
public sealed record PeerGreeting(byte[] Nonce, byte[] Echo, string From, string To)
{
    public const int NonceSize = 16;

    public byte[] Encode()
    {
        var from = Encoding.UTF8.GetBytes(From);
        var to = Encoding.UTF8.GetBytes(To);
        if (Nonce.Length != NonceSize || Echo.Length is not (0 or NonceSize) || from.Length > 255 || to.Length > 255)
            throw new ArgumentException("greeting field out of range");
        var output = new byte[Nonce.Length + Echo.Length + 2 + from.Length + to.Length];
        var span = output.AsSpan();
        Nonce.CopyTo(span);
        Echo.CopyTo(span[NonceSize..]);
        var at = NonceSize + Echo.Length;
        output[at++] = (byte)from.Length;
        from.CopyTo(span[at..]);
        at += from.Length;
        output[at++] = (byte)to.Length;
        to.CopyTo(span[at..]);
        return output;
    }

    public static PeerGreeting? TryDecode(ReadOnlySpan<byte> body, bool withEcho)
    {
        var fixedSize = NonceSize + (withEcho ? NonceSize : 0);
        if (body.Length < fixedSize + 2)
            return null;
        var at = fixedSize;
        var fromLength = body[at++];
        if (body.Length < at + fromLength + 1)
            return null;
        var from = body.Slice(at, fromLength);
        at += fromLength;
        var toLength = body[at++];
        if (body.Length != at + toLength)
            return null;
        var to = body.Slice(at, toLength);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            return new PeerGreeting(body[..NonceSize].ToArray(), body[NonceSize..fixedSize].ToArray(),
                strict.GetString(from), strict.GetString(to));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
