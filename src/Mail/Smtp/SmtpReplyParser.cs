using System.Text;

namespace Failover.Mail.Smtp;

/// <summary>
/// Parses SMTP replies (RFC 5321 §4.2): lines "ddd-text" continue, the line "ddd text" (or just "ddd")
/// ends the reply, and every line carries the same code. Pure: works on the bytes received so far.
/// </summary>
public static class SmtpReplyParser
{
    /// <summary>RFC 5321 allows 512 octets per reply line; relays exceed it a little with long EHLO
    /// keywords, so we allow more, but a line this long is garbage, not a reply.</summary>
    public const int MaxLineLength = 2048;

    /// <summary>More lines than any relay's EHLO answer has; protects against an endless reply.</summary>
    public const int MaxLines = 100;

    /// <summary>
    /// Returns true with the reply and the bytes it used when <paramref name="buffer"/> holds a whole
    /// reply; false when more bytes are needed. Throws <see cref="SmtpProtocolException"/> when the bytes
    /// cannot be an SMTP reply. Accepts bare LF line ends (some relays and fakes send them).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out SmtpReply? reply, out int consumed)
    {
        reply = null;
        consumed = 0;
        var lines = new List<string>();
        var code = -1;
        var offset = 0;
        while (true)
        {
            var rest = buffer[offset..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (rest.Length > MaxLineLength)
                {
                    throw new SmtpProtocolException($"reply line longer than {MaxLineLength} bytes");
                }
                // A partial line can already be seen to be garbage; say so now, not after a timeout.
                CheckPrefix(rest, code);
                return false;
            }
            if (newline > MaxLineLength)
            {
                throw new SmtpProtocolException($"reply line longer than {MaxLineLength} bytes");
            }
            var line = rest[..newline];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            offset += newline + 1;
            if (line.Length < 3)
            {
                throw new SmtpProtocolException($"malformed reply line \"{Printable(line)}\"");
            }
            CheckPrefix(line, code);
            var lineCode = ParseCode(line);
            code = lineCode;
            var last = line.Length == 3 || line[3] == (byte)' ';
            lines.Add(line.Length > 4 ? Encoding.UTF8.GetString(line[4..]) : "");
            if (last)
            {
                reply = new SmtpReply(code, lines);
                consumed = offset;
                return true;
            }
            if (lines.Count >= MaxLines)
            {
                throw new SmtpProtocolException($"reply longer than {MaxLines} lines");
            }
        }
    }

    /// <summary>Checks whatever is present of "ddd" plus separator, and that the code matches the
    /// earlier lines of the same reply.</summary>
    private static void CheckPrefix(ReadOnlySpan<byte> line, int expectedCode)
    {
        var digits = Math.Min(line.Length, 3);
        for (var i = 0; i < digits; i++)
        {
            if (line[i] is < (byte)'0' or > (byte)'9' || (i == 0 && line[i] is < (byte)'2' or > (byte)'5'))
            {
                throw new SmtpProtocolException($"malformed reply line \"{Printable(line)}\"");
            }
        }
        if (line.Length > 3 && line[3] != (byte)' ' && line[3] != (byte)'-')
        {
            throw new SmtpProtocolException($"malformed reply line \"{Printable(line)}\"");
        }
        if (line.Length >= 3 && expectedCode >= 0 && ParseCode(line) != expectedCode)
        {
            throw new SmtpProtocolException(
                $"reply line \"{Printable(line)}\" changes the code of a multi-line {expectedCode} reply");
        }
    }

    private static int ParseCode(ReadOnlySpan<byte> line) =>
        ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');

    /// <summary>The start of a bad line, safe to put in a log line.</summary>
    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder();
        foreach (var b in bytes[..Math.Min(bytes.Length, 60)])
        {
            builder.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        }
        if (bytes.Length > 60)
        {
            builder.Append('…');
        }
        return builder.ToString();
    }
}
