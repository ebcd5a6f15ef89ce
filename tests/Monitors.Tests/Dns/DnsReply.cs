using System.Buffers.Binary;
using System.Net;

namespace Failover.Monitors.Tests.Dns;

/// <summary>Builds replies as a server would, echoing a query's question; names in answers are
/// compression pointers to the question (offset 12), as BIND and dnsmasq write them.</summary>
internal static class DnsReply
{
    public const ushort Aa = 0x0400, Tc = 0x0200, Ra = 0x0080;

    public static byte[] To(byte[] query, int rcode = 0, ushort flags = Ra, ushort? id = null, params IPAddress[] answers)
    {
        var questionEnd = 12;
        while (query[questionEnd] != 0)
        {
            questionEnd += query[questionEnd] + 1;
        }
        questionEnd += 5;
        var reply = new List<byte>(query[..questionEnd]);
        var header = reply.ToArray();
        if (id is { } newId)
        {
            BinaryPrimitives.WriteUInt16BigEndian(header, newId);
        }
        var rd = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(2)) & 0x0100);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(0x8000 | rd | flags | rcode));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)answers.Length);
        reply = [.. header];
        foreach (var address in answers)
        {
            var bytes = address.GetAddressBytes();
            reply.AddRange([0xC0, 12, 0, (byte)(bytes.Length == 4 ? 1 : 28), 0, 1, 0, 0, 0x0E, 0x10, 0, (byte)bytes.Length]);
            reply.AddRange(bytes);
        }
        return [.. reply];
    }
}
