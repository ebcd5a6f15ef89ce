using System.Text;

namespace Failover.Mail.Spool;

/// <summary>
/// The on-disk form of one spooled message: a few "Key: value" lines with the envelope, a blank line,
/// then the rendered message bytes unchanged. Pure: bytes in, bytes out.
/// </summary>
internal static class SpoolFile
{
    private const string Magic = "Failover-Spool: 1";

    public static byte[] Write(MailEnvelope envelope, DateTimeOffset queuedAt, ReadOnlySpan<byte> message)
    {
        var header = new StringBuilder();
        header.Append(Magic).Append('\n');
        header.Append("Queued: ").Append(queuedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        header.Append("Envelope-From: ").Append(envelope.From).Append('\n');
        foreach (var to in envelope.Recipients)
        {
            header.Append("Envelope-To: ").Append(to).Append('\n');
        }
        header.Append('\n');
        var head = Encoding.UTF8.GetBytes(header.ToString());
        var bytes = new byte[head.Length + message.Length];
        head.CopyTo(bytes, 0);
        message.CopyTo(bytes.AsSpan(head.Length));
        return bytes;
    }

    /// <summary>The envelope and message, or null with the reason when the file is not a spool file.</summary>
    public static (MailEnvelope Envelope, ReadOnlyMemory<byte> Message)? Read(byte[] bytes, out string? error)
    {
        error = null;
        string? from = null;
        var to = new List<string>();
        var offset = 0;
        var first = true;
        while (true)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', offset);
            if (newline < 0)
            {
                error = "truncated spool file header";
                return null;
            }
            var line = Encoding.UTF8.GetString(bytes, offset, newline - offset);
            offset = newline + 1;
            if (first)
            {
                if (line != Magic)
                {
                    error = "not a spool file";
                    return null;
                }
                first = false;
                continue;
            }
            if (line.Length == 0)
            {
                break;
            }
            if (line.StartsWith("Envelope-From: ", StringComparison.Ordinal))
            {
                from = line["Envelope-From: ".Length..];
            }
            else if (line.StartsWith("Envelope-To: ", StringComparison.Ordinal))
            {
                to.Add(line["Envelope-To: ".Length..]);
            }
        }
        if (from is null || to.Count == 0)
        {
            error = "spool file without envelope";
            return null;
        }
        return (new MailEnvelope(from, to), bytes.AsMemory(offset));
    }
}
