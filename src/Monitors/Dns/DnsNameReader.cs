using System.Text;

namespace Failover.Monitors.Dns;

/// <summary>Reads a possibly compressed domain name (RFC 1035 §4.1.4) from a whole message.</summary>
/// <remarks>A compression pointer must point strictly before the pointer itself, which rules out loops
/// (every jump goes backwards); the 255-octet name limit bounds the work on top of that.</remarks>
internal static class DnsNameReader
{
    /// <summary>Reads the name at <paramref name="offset"/> and moves it past the name's bytes in place
    /// (past the first pointer, if any). Names print with dots, no trailing dot; odd octets as \DDD.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, ref int offset, out string name, out string error)
    {
        var text = new StringBuilder();
        var position = offset;
        var end = -1; // where the caller continues: after the first pointer, or after the root label
        var wireLength = 1;
        name = "";
        while (true)
        {
            if (position >= message.Length)
            {
                error = $"name at offset {offset} runs past the end";
                return false;
            }
            var length = message[position];
            switch (length & 0xC0)
            {
                case 0x00 when length == 0:
                    offset = end >= 0 ? end : position + 1;
                    name = text.Length == 0 ? "." : text.ToString();
                    error = "";
                    return true;
                case 0x00:
                    if (position + 1 + length > message.Length)
                    {
                        error = $"label at offset {position} runs past the end";
                        return false;
                    }
                    wireLength += 1 + length;
                    if (wireLength > DnsWire.MaxNameLength)
                    {
                        error = $"name at offset {offset} is longer than 255 octets";
                        return false;
                    }
                    if (text.Length > 0)
                    {
                        text.Append('.');
                    }
                    AppendLabel(text, message.Slice(position + 1, length));
                    position += 1 + length;
                    break;
                case 0xC0:
                    if (position + 1 >= message.Length)
                    {
                        error = $"compression pointer at offset {position} runs past the end";
                        return false;
                    }
                    var target = ((length & 0x3F) << 8) | message[position + 1];
                    if (target >= position)
                    {
                        error = $"compression pointer at offset {position} points forward to {target}";
                        return false;
                    }
                    if (end < 0)
                    {
                        end = position + 2;
                    }
                    position = target;
                    break;
                default:
                    error = $"unknown label type 0x{length:x2} at offset {position}";
                    return false;
            }
        }
    }

    private static void AppendLabel(StringBuilder text, ReadOnlySpan<byte> label)
    {
        foreach (var b in label)
        {
            if (b is (byte)'.' or (byte)'\\')
            {
                text.Append('\\').Append((char)b);
            }
            else if (b is > 0x20 and < 0x7F)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append(b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
