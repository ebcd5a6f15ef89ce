using System.Buffers.Binary;
using Failover.LinkWatch.Tests.Support;

namespace Failover.LinkWatch.Tests;

/// <summary>The parser against buffers the kernel really sent (Fixtures/veth-*.txt), and against garbage.</summary>
public sealed class LinkMessageTests
{
    private const uint DumpSequence = 7; // what the capture program used

    private static readonly IReadOnlyList<CapturedBuffer> Events = CapturedBuffer.Load("veth-events.txt");
    private static readonly IReadOnlyList<CapturedBuffer> Dump = CapturedBuffer.Load("veth-dump.txt");

    public static TheoryData<int, int, string, bool, string, bool> EventCases => new()
    {
        // buffer, index, name, up, operstate, deleted
        { 0, 3, "wan0", true, "lowerlayerdown", false },
        { 1, 3, "wan0", true, "up", false },
        { 2, 2, "peer0", true, "up", false },
        { 3, 2, "peer0", false, "down", false },
        { 4, 3, "wan0", false, "lowerlayerdown", false },
        { 5, 2, "peer0", true, "lowerlayerdown", false },
        { 6, 2, "peer0", true, "up", false },
        { 7, 3, "wan0", true, "up", false },
        { 8, 3, "wan0", false, "down", false },
        { 9, 2, "peer0", false, "lowerlayerdown", false },
        { 10, 3, "wan9", false, "down", false },
        { 11, 2, "peer0", false, "down", false },
        { 12, 3, "wan9", false, "down", true },
        { 13, 2, "peer0", false, "down", true },
    };

    [Theory]
    [MemberData(nameof(EventCases))]
    public void Reads_each_captured_notice(int buffer, int index, string name, bool up, string operState, bool deleted)
    {
        var batch = LinkMessage.Parse(Events[buffer].Bytes, DumpSequence);

        var report = Assert.Single(batch.Reports);
        Assert.Equal(new LinkReport(index, name, up, operState) { Deleted = deleted }, report);
        Assert.Equal(DumpProgress.None, batch.Dump);
        Assert.False(batch.DumpInterrupted);
    }

    [Fact]
    public void The_capture_is_what_the_fixture_notes_say()
    {
        Assert.Equal(14, Events.Count);
        Assert.Contains("wan0 loses carrier", Events[4].Note);
        Assert.Contains("RTM_DELLINK wan9", Events[12].Note);
    }

    [Fact]
    public void Reads_a_dump_split_over_buffers_and_its_end()
    {
        var first = LinkMessage.Parse(Dump[0].Bytes, DumpSequence);
        var second = LinkMessage.Parse(Dump[1].Bytes, DumpSequence);
        var done = LinkMessage.Parse(Dump[2].Bytes, DumpSequence);

        Assert.Equal(
            [new LinkReport(1, "lo", false, "down"), new LinkReport(2, "peer0", false, "lowerlayerdown")],
            first.Reports);
        Assert.Equal(DumpProgress.None, first.Dump);
        Assert.Equal([new LinkReport(3, "wan0", false, "down")], second.Reports);
        Assert.Empty(done.Reports);
        Assert.Equal(DumpProgress.Done, done.Dump);
        Assert.Equal(0, done.DumpError);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(8u)]
    public void The_end_of_someone_elses_dump_is_not_ours(uint sequence)
    {
        Assert.Equal(DumpProgress.None, LinkMessage.Parse(Dump[2].Bytes, sequence).Dump);
    }

    [Fact]
    public void An_interrupted_dump_is_flagged()
    {
        var part = Dump[1].Bytes.ToArray();
        part[6] |= 0x10; // NLM_F_DUMP_INTR in the low byte of nlmsg_flags

        var batch = LinkMessage.Parse(part, DumpSequence);

        Assert.True(batch.DumpInterrupted);
        Assert.Single(batch.Reports);
        Assert.False(LinkMessage.Parse(part, DumpSequence + 1).DumpInterrupted);
    }

    [Fact]
    public void Several_messages_in_one_buffer_come_out_in_order()
    {
        var buffer = Events[4].Bytes.Concat(Events[7].Bytes).Concat(Dump[2].Bytes).ToArray();

        var batch = LinkMessage.Parse(buffer, DumpSequence);

        Assert.Equal([false, true], batch.Reports.Select(r => r.Up));
        Assert.Equal(DumpProgress.Done, batch.Dump);
    }

    [Fact]
    public void A_refused_dump_reports_the_errno()
    {
        var error = Message(type: 2, sequence: DumpSequence, payload: Int32(-16)); // EBUSY

        var batch = LinkMessage.Parse(error, DumpSequence);

        Assert.Equal(DumpProgress.Failed, batch.Dump);
        Assert.Equal(16, batch.DumpError);
    }

    [Fact]
    public void An_acknowledgement_is_not_a_failure()
    {
        var ack = Message(type: 2, sequence: DumpSequence, payload: Int32(0));

        Assert.Equal(DumpProgress.None, LinkMessage.Parse(ack, DumpSequence).Dump);
    }

    [Fact]
    public void A_dump_cut_short_by_the_kernel_fails()
    {
        var done = Message(type: 3, sequence: DumpSequence, payload: Int32(-90)); // EMSGSIZE

        var batch = LinkMessage.Parse(done, DumpSequence);

        Assert.Equal(DumpProgress.Failed, batch.Dump);
        Assert.Equal(90, batch.DumpError);
    }

    [Fact]
    public void Every_truncation_of_a_real_buffer_is_skipped_without_throwing()
    {
        var whole = Dump[0].Bytes; // lo (1468 bytes) then peer0
        int firstLength = BinaryPrimitives.ReadInt32LittleEndian(whole);

        for (int length = 0; length < whole.Length; length++)
        {
            var batch = LinkMessage.Parse(whole.AsSpan(0, length), DumpSequence);
            Assert.Equal(length >= firstLength ? ["lo"] : Array.Empty<string>(), batch.Reports.Select(r => r.Name));
        }
    }

    [Theory]
    [InlineData(0u)]   // below the header: would loop forever if taken as "advance 0"
    [InlineData(15u)]
    [InlineData(5000u)] // beyond the buffer
    [InlineData(uint.MaxValue)]
    public void A_bad_message_length_ends_the_buffer_keeping_what_came_before(uint badLength)
    {
        var buffer = Events[1].Bytes.Concat(Events[4].Bytes).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Events[1].Bytes.Length), badLength);

        var batch = LinkMessage.Parse(buffer, DumpSequence);

        Assert.Equal([true], batch.Reports.Select(r => r.Up));
    }

    [Fact]
    public void A_link_message_too_short_for_ifinfomsg_is_skipped()
    {
        var shortLink = Message(type: 16, sequence: 0, payload: new byte[8]);
        var buffer = shortLink.Concat(Events[4].Bytes).ToArray();

        Assert.Equal(["wan0"], LinkMessage.Parse(buffer, 0).Reports.Select(r => r.Name));
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)3)]
    [InlineData((ushort)0xffff)]
    public void A_bad_attribute_length_stops_at_that_attribute(ushort attributeLength)
    {
        // The name is the first attribute here, so a broken one before it leaves a nameless link: skipped.
        var link = Link(index: 4, flags: 0x10001, Attribute(1, new byte[6]), Attribute(3, "eth0\0"u8));
        BinaryPrimitives.WriteUInt16LittleEndian(link.AsSpan(32), attributeLength);

        Assert.Empty(LinkMessage.Parse(link, 0).Reports);
    }

    [Fact]
    public void A_name_without_its_NUL_and_an_unknown_operstate_still_read()
    {
        var link = Link(index: 4, flags: 0x10001, Attribute(3, "eth0"u8), Attribute(16, [42]));

        Assert.Equal(new LinkReport(4, "eth0", true, "unknown"), Assert.Single(LinkMessage.Parse(link, 0).Reports));
    }

    [Theory]
    [InlineData(0x10001u, true)]   // IFF_UP | IFF_LOWER_UP
    [InlineData(0x00001u, false)]  // up, no carrier
    [InlineData(0x10000u, false)]  // carrier, admin down: down, as ifplugd counts it
    [InlineData(0x11043u, true)]
    public void Up_is_admin_up_with_carrier(uint flags, bool up)
    {
        var link = Link(index: 9, flags, Attribute(3, "eth1\0"u8));

        Assert.Equal(up, Assert.Single(LinkMessage.Parse(link, 0).Reports).Up);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20251121);
        var buffer = new byte[256];
        for (int i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            int length = random.Next(buffer.Length + 1);
            // Plausible headers make the attribute walk run, not just the first length check.
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)random.Next(16, length + 17));
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(4), (ushort)(16 + random.Next(2)));
            LinkMessage.Parse(buffer.AsSpan(0, length), (uint)random.Next(3));
        }
    }

    [Fact]
    public void The_dump_request_asks_for_every_link()
    {
        var request = new byte[LinkMessage.DumpRequestLength];

        LinkMessage.WriteDumpRequest(request, 0x01020304);

        Assert.Equal("20000000" + "1200" + "0103" + "04030201" + "00000000" + new string('0', 32), Convert.ToHexString(request));
    }

    private static byte[] Link(int index, uint flags, params byte[][] attributes)
    {
        var info = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(info.AsSpan(4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(8), flags);
        return Message(type: 16, sequence: 0, payload: [.. info, .. attributes.SelectMany(a => a)]);
    }

    private static byte[] Attribute(ushort type, ReadOnlySpan<byte> payload)
    {
        var attribute = new byte[(4 + payload.Length + 3) & ~3];
        BinaryPrimitives.WriteUInt16LittleEndian(attribute, (ushort)(4 + payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(attribute.AsSpan(2), type);
        payload.CopyTo(attribute.AsSpan(4));
        return attribute;
    }

    private static byte[] Message(ushort type, uint sequence, byte[] payload)
    {
        var message = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), type);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        payload.CopyTo(message.AsSpan(16));
        return message;
    }

    private static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }
}
