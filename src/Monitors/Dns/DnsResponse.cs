using System.Buffers.Binary;
using System.Net;

namespace Failover.Monitors.Dns;

/// <summary>
/// The parts of a DNS reply a health probe judges: header flags, RCODE, the echoed question and the
/// answer section. Authority and additional sections are not read.
/// </summary>
public sealed record DnsResponse(
    ushort Id,
    bool IsResponse,
    int Opcode,
    bool Authoritative,
    bool Truncated,
    bool RecursionDesired,
    bool RecursionAvailable,
    int ResponseCode,
    DnsQuestion? Question,
    IReadOnlyList<DnsRecord> Answers)
{
    /// <summary>Parses a whole message. Never throws: malformed input gives false and a reason. A truncated
    /// message (TC=1) may end anywhere after the header; the records complete up to there are kept.</summary>
    public static bool TryParse(ReadOnlySpan<byte> message, out DnsResponse response, out string error)
    {
        response = null!;
        if (message.Length < DnsWire.HeaderLength)
        {
            error = $"{message.Length} bytes, shorter than a DNS header";
            return false;
        }
        var id = BinaryPrimitives.ReadUInt16BigEndian(message);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var answerCount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var truncated = (flags & DnsWire.FlagTruncated) != 0;

        var offset = DnsWire.HeaderLength;
        DnsQuestion? question = null;
        var answers = new List<DnsRecord>();
        error = "";
        var complete = true;
        for (var i = 0; i < questions && complete; i++)
        {
            complete = TryReadQuestion(message, ref offset, out var q, out error);
            question ??= q;
        }
        for (var i = 0; i < answerCount && complete; i++)
        {
            complete = TryReadRecord(message, ref offset, out var record, out error);
            if (complete)
            {
                answers.Add(record);
            }
        }
        if (!complete && !truncated)
        {
            return false;
        }

        error = "";
        response = new DnsResponse(id, (flags & DnsWire.FlagResponse) != 0, (flags >> 11) & 0xF,
            (flags & DnsWire.FlagAuthoritative) != 0, truncated, (flags & DnsWire.FlagRecursionDesired) != 0,
            (flags & DnsWire.FlagRecursionAvailable) != 0, flags & 0xF, question, answers);
        return true;
    }

    /// <summary>Reads just the ID of something that may not parse, to tell strays from our own replies.</summary>
    public static bool TryReadId(ReadOnlySpan<byte> message, out ushort id)
    {
        id = message.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(message) : (ushort)0;
        return message.Length >= 2;
    }

    private static bool TryReadQuestion(ReadOnlySpan<byte> message, ref int offset, out DnsQuestion? question, out string error)
    {
        question = null;
        if (!DnsNameReader.TryRead(message, ref offset, out var name, out error))
        {
            return false;
        }
        if (offset + 4 > message.Length)
        {
            error = "question runs past the end";
            return false;
        }
        question = new DnsQuestion(name, (DnsType)BinaryPrimitives.ReadUInt16BigEndian(message[offset..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]));
        offset += 4;
        return true;
    }

    private static bool TryReadRecord(ReadOnlySpan<byte> message, ref int offset, out DnsRecord record, out string error)
    {
        record = null!;
        if (!DnsNameReader.TryRead(message, ref offset, out var name, out error))
        {
            return false;
        }
        if (offset + 10 > message.Length)
        {
            error = $"answer {name} runs past the end";
            return false;
        }
        var type = (DnsType)BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        var @class = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(offset + 4)..]);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
        offset += 10;
        if (offset + dataLength > message.Length)
        {
            error = $"data of answer {name} runs past the end";
            return false;
        }
        var data = message.Slice(offset, dataLength);
        offset += dataLength;

        IPAddress? address = null;
        if (@class == DnsWire.ClassIn && type is DnsType.A or DnsType.AAAA)
        {
            var expected = type == DnsType.A ? 4 : 16;
            if (dataLength != expected)
            {
                error = $"{type} record {name} has {dataLength} bytes of data, not {expected}";
                return false;
            }
            address = new IPAddress(data);
        }
        record = new DnsRecord(name, type, @class, ttl, address);
        error = "";
        return true;
    }
}
