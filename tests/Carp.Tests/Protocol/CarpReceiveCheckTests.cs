using System.Buffers.Binary;
using System.Net;
using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

public sealed class CarpReceiveCheckTests
{
    private const string Fixture = "ucarp-vhid42-love.txt";
    private static readonly IPAddress Us = IPAddress.Parse("192.0.2.2");

    private static readonly UcarpCapture Capture = UcarpCapture.Load(Fixture);
    private static readonly CarpKey Key = Capture.Key();

    private static CarpReceiveResult Check(ReadOnlySpan<byte> packet) =>
        CarpReceiveCheck.Check(packet, Us, v => v == 42 ? Key : null);

    private static byte[] Packet() => Capture.IpPacket(0);

    private static void FixIpChecksum(byte[] packet)
    {
        int ihl = (packet[0] & 0x0F) * 4;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), InternetChecksum.Compute(packet.AsSpan(0, ihl)));
    }

    private static void FixCarpChecksum(byte[] packet, int offset = 20)
    {
        var carp = packet.AsSpan(offset, CarpHeader.Size);
        BinaryPrimitives.WriteUInt16BigEndian(carp[6..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(carp[6..], InternetChecksum.Compute(carp));
    }

    [Fact]
    public void The_untouched_capture_is_accepted()
    {
        Assert.True(Check(Packet()).IsAccepted);
    }

    [Fact]
    public void Ttl_254_is_bad_ttl_even_with_a_correct_ip_checksum()
    {
        var packet = Packet();
        packet[8] = 254;
        FixIpChecksum(packet);
        var result = Check(packet);
        Assert.Equal(CarpRejectReason.BadTtl, result.Reason);
        Assert.Equal((byte)42, result.Vhid);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), result.Source);
    }

    [Fact]
    public void Version_3_is_bad_version()
    {
        var packet = Packet();
        packet[20] = 0x31;
        FixCarpChecksum(packet);
        Assert.Equal(CarpRejectReason.BadVersion, Check(packet).Reason);
    }

    [Fact]
    public void Type_authlen_and_pad_are_not_checked_like_ucarp()
    {
        var packet = Packet();
        packet[20] = 0x2f;
        packet[23] = 0;
        packet[24] = 9;
        FixCarpChecksum(packet);
        var result = Check(packet);
        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(9, result.Advertisement.Header.Demote);
    }

    [Fact]
    public void A_vhid_we_do_not_run_is_other_vhid()
    {
        var result = CarpReceiveCheck.Check(Packet(), Us, _ => null);
        Assert.Equal(CarpRejectReason.OtherVhid, result.Reason);
        Assert.Equal((byte)42, result.Vhid);
    }

    [Theory]
    [InlineData(10)] // IP header checksum, high byte
    [InlineData(11)] // IP header checksum, low byte
    [InlineData(26)] // CARP checksum
    [InlineData(27)]
    [InlineData(25)] // advbase: not in the HMAC, but in the CARP checksum
    [InlineData(55)] // last HMAC byte, caught by the checksum first
    public void A_flipped_byte_is_a_bad_checksum(int offset)
    {
        var packet = Packet();
        packet[offset] ^= 0x01;
        Assert.Equal(CarpRejectReason.BadChecksum, Check(packet).Reason);
    }

    [Theory]
    [InlineData(30)] // counter
    [InlineData(40)] // HMAC
    public void A_changed_counter_or_hmac_with_a_fixed_checksum_is_a_bad_hmac(int offset)
    {
        var packet = Packet();
        packet[offset] ^= 0x01;
        FixCarpChecksum(packet);
        Assert.Equal(CarpRejectReason.BadHmac, Check(packet).Reason);
    }

    [Fact]
    public void Advbase_and_advskew_are_not_authenticated()
    {
        // A known CARP weakness: anyone on the link can replay an advert with better timing.
        var packet = Packet();
        packet[22] = 77;
        packet[25] = 9;
        FixCarpChecksum(packet);
        var result = Check(packet);
        Assert.True(result.IsAccepted);
        Assert.Equal(new CarpTiming(9, 77), result.Advertisement.ToPeer().Timing);
    }

    [Fact]
    public void Another_destination_is_bad_destination()
    {
        var packet = Packet();
        packet[19] = 19; // 224.0.0.19
        FixIpChecksum(packet);
        Assert.Equal(CarpRejectReason.BadDestination, Check(packet).Reason);
    }

    [Theory]
    [InlineData(55)]
    [InlineData(21)]
    [InlineData(20)]
    public void Fewer_than_ip_header_plus_36_bytes_is_short(int length)
    {
        var result = Check(Packet().AsSpan(0, length));
        Assert.Equal(CarpRejectReason.Short, result.Reason);
        Assert.Null(result.Vhid);
    }

    [Fact]
    public void Own_source_wins_over_short()
    {
        var result = CarpReceiveCheck.Check(Packet().AsSpan(0, 30), IPAddress.Parse("192.0.2.1"), _ => Key);
        Assert.Equal(CarpRejectReason.OwnPacket, result.Reason);
    }

    [Fact]
    public void An_ipv6_own_source_never_matches()
    {
        Assert.True(CarpReceiveCheck.Check(Packet(), IPAddress.Parse("::ffff:192.0.2.1"), _ => Key).IsAccepted);
    }

    [Theory]
    [InlineData(0, 0x65)] // IPv6 version nibble
    [InlineData(0, 0x44)] // IHL 16 bytes
    [InlineData(0, 0x4f)] // IHL 60 bytes, longer than the packet
    [InlineData(9, 17)]   // UDP
    public void Not_an_ipv4_carp_packet_is_malformed(int offset, byte value)
    {
        var packet = Packet();
        packet[offset] = value;
        var result = Check(packet);
        Assert.Equal(CarpRejectReason.Malformed, result.Reason);
        Assert.Null(result.Source);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(19)]
    public void Too_short_for_an_ip_header_is_malformed(int length)
    {
        Assert.Equal(CarpRejectReason.Malformed, Check(Packet().AsSpan(0, length)).Reason);
    }

    [Fact]
    public void Ip_options_move_the_carp_header()
    {
        var original = Packet();
        var packet = new byte[original.Length + 4];
        original.AsSpan(0, 20).CopyTo(packet);
        original.AsSpan(20).CopyTo(packet.AsSpan(24));
        packet[0] = 0x46;
        packet[20] = 1; // four NOP options
        packet[21] = 1;
        packet[22] = 1;
        packet[23] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        FixIpChecksum(packet);

        var result = Check(packet);
        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(Capture.Timing, result.Advertisement.Header.Timing);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20240518);
        var buffer = new byte[128];
        for (int i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            if (i % 2 == 0)
            {
                buffer[0] = (byte)(0x40 | buffer[0] & 0x0F); // reach past the first check more often
                buffer[9] = 112;
            }

            var result = Check(buffer.AsSpan(0, random.Next(buffer.Length + 1)));
            Assert.True(result.IsAccepted ^ result.Reason.HasValue);
        }
    }

    [Fact]
    public void Mutated_captures_never_throw_and_are_rejected()
    {
        var random = new Random(112);
        var original = Packet();
        for (int i = 0; i < 20_000; i++)
        {
            var packet = (byte[])original.Clone();
            int offset = random.Next(packet.Length);
            byte flip = (byte)random.Next(1, 256);
            packet[offset] ^= flip;

            var result = Check(packet.AsSpan(0, random.Next(packet.Length / 2, packet.Length + 1)));

            // One changed byte is always caught by some check (the IP id and TOS only by the IP checksum).
            Assert.False(result.IsAccepted, $"offset {offset} ^ {flip:x2}");
            Assert.NotNull(result.Reason);
        }
    }
}
