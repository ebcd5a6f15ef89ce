using System.Buffers.Binary;

namespace Failover.Monitors.Dns;

/// <summary>Writes a standard query with one question of class IN (RFC 1035 §4.1).</summary>
public static class DnsQuery
{
    /// <summary>Room enough for any query this writes.</summary>
    public const int MaxLength = DnsWire.MaxQueryLength;

    /// <summary>Writes the query and returns its length.</summary>
    /// <exception cref="ArgumentException">The name is not a valid ASCII host name of at most 255 octets
    /// on the wire (labels 1–63 octets), or the destination is too small.</exception>
    public static int Write(Span<byte> destination, ushort id, string name, DnsType type, bool recursionDesired)
    {
        ArgumentNullException.ThrowIfNull(name);
        var length = DnsWire.HeaderLength + EncodedNameLength(name) + 4;
        if (destination.Length < length)
        {
            throw new ArgumentException($"need {length} bytes, have {destination.Length}", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], recursionDesired ? DnsWire.FlagRecursionDesired : (ushort)0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], 1); // QDCOUNT
        destination[6..DnsWire.HeaderLength].Clear(); // ANCOUNT, NSCOUNT, ARCOUNT

        var offset = DnsWire.HeaderLength;
        foreach (var label in Labels(name))
        {
            destination[offset++] = (byte)label.Length;
            foreach (var c in label)
            {
                destination[offset++] = (byte)c;
            }
        }
        destination[offset++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], DnsWire.ClassIn);
        return offset + 4;
    }

    /// <summary>The octets <paramref name="name"/> takes on the wire, after checking it.</summary>
    private static int EncodedNameLength(string name)
    {
        var length = 1; // the root label
        foreach (var label in Labels(name))
        {
            if (label.Length is 0 or > DnsWire.MaxLabelLength)
            {
                throw new ArgumentException($"label '{label}' in '{name}' must have 1 to 63 characters", nameof(name));
            }
            foreach (var c in label)
            {
                if (c is <= ' ' or > '~')
                {
                    throw new ArgumentException($"'{name}' is not an ASCII host name", nameof(name));
                }
            }
            length += 1 + label.Length;
        }
        if (length > DnsWire.MaxNameLength)
        {
            throw new ArgumentException($"'{name}' is longer than 255 octets on the wire", nameof(name));
        }
        return length;
    }

    private static string[] Labels(string name)
    {
        var canonical = DnsWire.Canonical(name);
        return canonical is "." ? [] : canonical.Split('.');
    }
}
