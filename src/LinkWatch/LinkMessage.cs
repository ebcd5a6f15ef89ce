using System.Buffers.Binary;
using System.Text;

namespace Failover.LinkWatch;

/// <summary>
/// Reads rtnetlink link messages (nlmsghdr, ifinfomsg, rtattrs; all host-endian, 4-byte aligned) and
/// writes the RTM_GETLINK dump request. Never throws on what the socket hands it: a message or attribute
/// whose length does not fit ends the parse of that buffer, keeping what came before.
/// </summary>
internal static class LinkMessage
{
    public const int HeaderLength = 16;
    public const int InfoLength = 16;

    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;

    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_DUMP_INTR = 0x10;
    public const ushort NLM_F_DUMP = 0x300;

    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_OPERSTATE = 16;

    public const uint IFF_UP = 0x1;
    public const uint IFF_LOWER_UP = 0x10000;

    /// <summary>The length of <see cref="WriteDumpRequest"/>'s message.</summary>
    public const int DumpRequestLength = HeaderLength + InfoLength;

    private static readonly string[] OperStates = ["unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"];

    /// <summary>
    /// Parses one receive buffer. Messages carrying <paramref name="dumpSequence"/> (non-zero) belong to our
    /// dump; multicast notices carry sequence 0. Link messages without a name are skipped.
    /// </summary>
    public static LinkBatch Parse(ReadOnlySpan<byte> buffer, uint dumpSequence)
    {
        var reports = new List<LinkReport>();
        var dump = DumpProgress.None;
        int error = 0;
        bool interrupted = false;
        while (buffer.Length >= HeaderLength)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
            if (length < HeaderLength || length > buffer.Length)
                break;
            var message = buffer[..(int)length];
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(message[4..]);
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(message[6..]);
            bool ours = dumpSequence != 0 && BinaryPrimitives.ReadUInt32LittleEndian(message[8..]) == dumpSequence;
            interrupted |= ours && (flags & NLM_F_DUMP_INTR) != 0;

            switch (type)
            {
                case RTM_NEWLINK or RTM_DELLINK:
                    if (ReadLink(message, type == RTM_DELLINK) is { } report)
                        reports.Add(report);
                    break;
                case NLMSG_DONE when ours:
                    // Since Linux 4.x the payload is the dump's final status: negative errno when it was cut short.
                    error = message.Length >= HeaderLength + 4 ? -BinaryPrimitives.ReadInt32LittleEndian(message[HeaderLength..]) : 0;
                    dump = error > 0 ? DumpProgress.Failed : DumpProgress.Done;
                    break;
                case NLMSG_ERROR when ours && message.Length >= HeaderLength + 4:
                    error = -BinaryPrimitives.ReadInt32LittleEndian(message[HeaderLength..]);
                    if (error != 0)
                        dump = DumpProgress.Failed;
                    break;
            }

            int aligned = Align(length);
            if (aligned >= buffer.Length)
                break;
            buffer = buffer[aligned..];
        }
        return new LinkBatch(reports, dump, dump == DumpProgress.Failed ? error : 0, interrupted);
    }

    /// <summary>Writes RTM_GETLINK with NLM_F_REQUEST|NLM_F_DUMP for every interface of any family.</summary>
    public static void WriteDumpRequest(Span<byte> destination, uint sequence)
    {
        destination = destination[..DumpRequestLength];
        destination.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, DumpRequestLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], RTM_GETLINK);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], NLM_F_REQUEST | NLM_F_DUMP);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], sequence);
    }

    private static LinkReport? ReadLink(ReadOnlySpan<byte> message, bool deleted)
    {
        if (message.Length < HeaderLength + InfoLength)
            return null;
        var info = message[HeaderLength..];
        int index = BinaryPrimitives.ReadInt32LittleEndian(info[4..]);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(info[8..]);

        string? name = null;
        string operState = OperStates[0];
        var attributes = message[(HeaderLength + InfoLength)..];
        while (attributes.Length >= 4)
        {
            ushort length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            // The top two bits of the type are the NLA_F_NESTED/NLA_F_NET_BYTEORDER flags.
            int type = BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]) & 0x3fff;
            if (length < 4 || length > attributes.Length)
                break;
            var payload = attributes[4..length];
            if (type == IFLA_IFNAME)
            {
                int end = payload.IndexOf((byte)0);
                name = Encoding.UTF8.GetString(end < 0 ? payload : payload[..end]);
            }
            else if (type == IFLA_OPERSTATE && payload.Length >= 1)
            {
                operState = payload[0] < OperStates.Length ? OperStates[payload[0]] : OperStates[0];
            }
            int aligned = Align(length);
            if (aligned >= attributes.Length)
                break;
            attributes = attributes[aligned..];
        }

        if (string.IsNullOrEmpty(name))
            return null;
        bool up = !deleted && (flags & IFF_UP) != 0 && (flags & IFF_LOWER_UP) != 0;
        return new LinkReport(index, name, up, operState) { Deleted = deleted };
    }

    private static int Align(uint length) => (int)Math.Min((length + 3) & ~3u, int.MaxValue);
}
