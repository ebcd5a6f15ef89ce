using System.Globalization;
using System.Text;

namespace Failover.Mail.Message;

/// <summary>Renders an <see cref="AlertMessage"/> as RFC 5322 bytes: 7-bit clean (UTF-8 subject as
/// RFC 2047 encoded words, UTF-8 body as quoted-printable), so any relay takes it without 8BITMIME.</summary>
public static class MessageRenderer
{
    public static byte[] Render(AlertMessage message)
    {
        foreach (var address in message.To.Prepend(message.From))
        {
            if (address.Length == 0 || address.AsSpan().IndexOfAny("\r\n<>,; \"") >= 0)
            {
                throw new ArgumentException($"invalid mail address \"{address}\"", nameof(message));
            }
        }
        if (message.To.Count == 0)
        {
            throw new ArgumentException("no recipients", nameof(message));
        }
        var text = new StringBuilder();
        text.Append("Date: ").Append(FormatDate(message.Date)).Append("\r\n");
        text.Append("From: ").Append(message.From).Append("\r\n");
        text.Append("To: ").Append(string.Join(",\r\n ", message.To)).Append("\r\n");
        text.Append("Subject: ").Append(EncodeSubject(message.Subject)).Append("\r\n");
        text.Append("Message-ID: ").Append(message.MessageId).Append("\r\n");
        // RFC 3834: vacation responders must not answer a machine.
        text.Append("Auto-Submitted: auto-generated\r\n");
        text.Append("MIME-Version: 1.0\r\n");
        text.Append("Content-Type: text/plain; charset=utf-8\r\n");
        text.Append("Content-Transfer-Encoding: quoted-printable\r\n");
        text.Append("\r\n");
        text.Append(QuotedPrintable.Encode(message.Body));
        text.Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>RFC 5322 §3.3 date-time, e.g. "Sat, 21 Nov 2026 16:58:27 +0000".</summary>
    public static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
               + $"{sign}{abs.Hours:00}{abs.Minutes:00}";
    }

    /// <summary>ASCII subjects stay as they are; others become UTF-8 "B" encoded words of at most 75
    /// characters on folded lines, each word holding whole characters (RFC 2047 §5).</summary>
    public static string EncodeSubject(string subject)
    {
        var flat = subject.ReplaceLineEndings(" ");
        if (flat.All(c => c is >= ' ' and <= '~') && flat.Length <= 900)
        {
            return flat;
        }
        var words = new List<string>();
        var chunk = new List<byte>();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in flat.EnumerateRunes())
        {
            var count = rune.EncodeToUtf8(bytes);
            // 45 bytes → 60 base64 characters; with "=?UTF-8?B?" and "?=" that is 72 ≤ 75.
            if (chunk.Count + count > 45)
            {
                words.Add(EncodedWord(chunk));
                chunk.Clear();
            }
            chunk.AddRange(bytes[..count]);
        }
        if (chunk.Count > 0)
        {
            words.Add(EncodedWord(chunk));
        }
        return string.Join("\r\n ", words);
    }

    private static string EncodedWord(List<byte> bytes) => $"=?UTF-8?B?{Convert.ToBase64String([.. bytes])}?=";
}
