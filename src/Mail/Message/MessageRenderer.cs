using MimeKit;
using MimeKit.Text;

namespace Failover.Mail.Message;

/// <summary>
/// Renders an <see cref="AlertMessage"/> as RFC 5322 bytes with MimeKit: 7-bit clean (a UTF-8 subject as
/// RFC 2047 encoded words, a UTF-8 body as quoted-printable), so the spool holds what any relay takes, with or
/// without 8BITMIME. Addresses are checked here, before anything is queued: a bad one is the configuration's
/// fault and must not sit in the spool.
/// </summary>
public static class MessageRenderer
{
    /// <summary>CRLF line ends, as on the wire (MimeKit's default is the platform's LF).</summary>
    internal static readonly FormatOptions Wire = WireFormat();

    public static byte[] Render(AlertMessage message)
    {
        if (message.To.Count == 0)
        {
            throw new ArgumentException("no recipients", nameof(message));
        }
        // In UTC: MimeKit 4.18 writes a negative half-hour offset as "-03-30" (RFC 5322 wants "-0330").
        var mime = new MimeMessage { Date = message.Date.ToUniversalTime(), MessageId = message.MessageId.Trim('<', '>') };
        mime.From.Add(Mailbox(message.From));
        mime.To.AddRange(message.To.Select(Mailbox));
        mime.Subject = message.Subject.ReplaceLineEndings(" ");
        // RFC 3834: vacation responders must not answer a machine.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = new TextPart(TextFormat.Plain)
        {
            Text = message.Body.ReplaceLineEndings("\r\n"),
            ContentTransferEncoding = ContentEncoding.QuotedPrintable,
        };
        mime.Body.ContentType.Charset = "utf-8";
        using var bytes = new MemoryStream();
        mime.WriteTo(Wire, bytes);
        return bytes.ToArray();
    }

    private static FormatOptions WireFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    /// <summary>A bare address (no display name): CR, LF, brackets, commas or spaces in it are refused.</summary>
    internal static MailboxAddress Mailbox(string address)
    {
        if (address.Length == 0 || address.Length > 254 || address.AsSpan().IndexOfAny("\r\n<>,; \"") >= 0
            || !MailboxAddress.TryParse(address, out var mailbox))
        {
            throw new ArgumentException($"invalid mail address \"{address}\"", nameof(address));
        }
        return mailbox;
    }
}
