using System.Text;

namespace Failover.Daemon.Http;

/// <summary>
/// The request line of an HTTP/1.x request head ("GET /metrics HTTP/1.1"); the headers after it are not needed,
/// since every answer is the same whoever asks and the connection closes after it.
/// </summary>
public sealed record HttpRequestHead(string Method, string Path)
{
    /// <summary>A head longer than this is refused: no client of a metrics page sends more.</summary>
    public const int MaxBytes = 8192;

    /// <summary>Where the head ends (after its blank line) in <paramref name="buffer"/>; -1 while more bytes are needed.</summary>
    public static int End(ReadOnlySpan<byte> buffer)
    {
        var at = buffer.IndexOf("\r\n\r\n"u8);
        if (at >= 0)
            return at + 4;
        at = buffer.IndexOf("\n\n"u8); // a bare-LF client (netcat, a hand-typed request)
        return at >= 0 ? at + 2 : -1;
    }

    /// <returns>Null when the request line is not METHOD SP TARGET SP HTTP/1.x with an origin-form target.</returns>
    public static HttpRequestHead? Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf((byte)'\n');
        var line = Encoding.ASCII.GetString(lineEnd >= 0 ? head[..lineEnd] : head).TrimEnd('\r');
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiLetterUpper)
            || !parts[1].StartsWith('/') || parts[2] is not ("HTTP/1.1" or "HTTP/1.0")
            || parts[1].Any(c => c <= ' ' || c >= 0x7f))
            return null;
        var query = parts[1].IndexOf('?');
        return new HttpRequestHead(parts[0], query >= 0 ? parts[1][..query] : parts[1]);
    }
}
