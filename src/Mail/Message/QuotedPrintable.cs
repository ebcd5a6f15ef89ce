using System.Text;

namespace Failover.Mail.Message;

/// <summary>
/// Quoted-printable (RFC 2045 §6.7) for a UTF-8 text body: printable ASCII stays readable in any mail
/// client's source view, everything else becomes =XX, lines stay within 76 characters through soft
/// breaks, and trailing white space is encoded so no relay can strip it.
/// </summary>
public static class QuotedPrintable
{
    private const int MaxLine = 76;

    /// <summary>Encodes <paramref name="text"/>; its line ends (LF or CRLF) become CRLF hard breaks.</summary>
    public static string Encode(string text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0)
            {
                output.Append("\r\n");
            }
            EncodeLine(Encoding.UTF8.GetBytes(lines[l]), output);
        }
        return output.ToString();
    }

    private static void EncodeLine(byte[] bytes, StringBuilder output)
    {
        var column = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var last = i == bytes.Length - 1;
            var literal = b is >= 33 and <= 126 && b != (byte)'='
                          || (b is (byte)' ' or (byte)'\t' && !last);
            var token = literal ? ((char)b).ToString() : $"={b:X2}";
            // Room for the token plus a soft-break '=' unless this is the line's last token.
            var room = last ? MaxLine : MaxLine - 1;
            if (column + token.Length > room)
            {
                output.Append("=\r\n");
                column = 0;
            }
            output.Append(token);
            column += token.Length;
        }
    }
}
