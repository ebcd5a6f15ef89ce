using System.Net;
using Failover.Monitors.Dhcp;
using Xunit;

namespace Failover.Monitors.Tests.Dhcp;

public sealed class DhcpCodecTests
{
    private static readonly byte[] Mac = [0x02, 0x66, 0x78, 0x64, 0x00, 0x01];

    // Hand-computed (RFC 2131 §2, RFC 2132): op 1, htype 1, hlen 6, hops 1, xid 0x12345678, secs 0, flags 0,
    // ciaddr/yiaddr/siaddr 0, giaddr 192.0.2.5, chaddr = the MAC + 10 zero bytes, sname 64 and file 128 zero
    // bytes, cookie 99.130.83.99, options 53=1 (DISCOVER), 61 = type 1 + MAC, 55 = 1 3 6 51 54, end; zero
    // padding to 300 bytes.
    private static readonly string GoldenDiscover =
        "01 01 06 01 12345678 0000 0000 00000000 00000000 00000000 c0000205 026678640001" + Zeros(10) +
        Zeros(64 + 128) + " 63825363 350101 3d07 01 026678640001 3705 01 03 06 33 36 ff" + Zeros(40);

    // An OFFER as ISC dhcpd writes one to a relay, built by hand: op 2, hops 0, xid 0x12345678, broadcast
    // flag, yiaddr 192.0.2.50, siaddr 192.0.2.1, giaddr 192.0.2.5, chaddr, sname "srv", cookie, then
    // 53=2, a pad, 54=192.0.2.1, 51=3600, 1=255.255.255.0, 3=192.0.2.1, end.
    private static readonly string HandOffer =
        "02 01 06 00 12345678 0000 8000 00000000 c0000232 c0000201 c0000205 026678640001" + Zeros(10) +
        " 737276" + Zeros(61) + Zeros(128) +
        " 63825363 350102 00 3604c0000201 330400000e10 0104ffffff00 0304c0000201 ff";

    internal static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static string Zeros(int bytes) => " " + new string('0', 2 * bytes);

    [Fact]
    public void Writes_the_golden_relayed_discover()
    {
        var buffer = new byte[DhcpMessage.MaxRequestLength];
        var length = DhcpMessage.WriteDiscover(buffer, 0x12345678, Mac, IPAddress.Parse("192.0.2.5"));
        Assert.Equal(300, length);
        Assert.Equal(Hex(GoldenDiscover), buffer[..length]);
    }

    [Fact]
    public void An_inform_differs_from_a_discover_only_in_hops_ciaddr_giaddr_and_type()
    {
        var buffer = new byte[400];
        buffer.AsSpan().Fill(0xAA); // the writer must clear what it does not set
        var length = DhcpMessage.WriteInform(buffer, 0x12345678, Mac, IPAddress.Parse("192.0.2.7"));
        var expected = Hex(GoldenDiscover);
        expected[3] = 0; // hops
        expected[12] = 192; expected[13] = 0; expected[14] = 2; expected[15] = 7; // ciaddr
        Array.Clear(expected, 24, 4); // giaddr
        expected[242] = 8; // DHCPINFORM
        Assert.Equal(expected, buffer[..length]);
        Assert.Equal(0xAA, buffer[length]);
    }

    [Fact]
    public void What_it_writes_parses_back()
    {
        var buffer = new byte[DhcpMessage.MaxRequestLength];
        DhcpMessage.WriteDiscover(buffer, 0xCAFEF00D, Mac, IPAddress.Parse("192.0.2.5"), hops: 0);
        Assert.True(DhcpMessage.TryParse(buffer, out var message, out var error), error);
        Assert.Equal(((byte)1, (byte)0, 0xCAFEF00Du, (DhcpMessageType?)DhcpMessageType.Discover), (message.Op, message.Hops, message.TransactionId, message.MessageType));
        Assert.Equal(IPAddress.Parse("192.0.2.5"), message.RelayAddress);
        Assert.Equal(Mac, message.ClientHardwareAddress);
        Assert.Equal([1, .. Mac], message.Options[61]);
        Assert.Null(message.ServerIdentifier);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Refuses_a_hardware_address_of_the_wrong_size(int size)
    {
        Assert.Throws<ArgumentException>(() =>
            DhcpMessage.WriteDiscover(new byte[300], 1, new byte[size], IPAddress.Parse("192.0.2.5")));
    }

    [Fact]
    public void Refuses_ipv6_and_a_short_buffer()
    {
        Assert.Throws<ArgumentException>(() => DhcpMessage.WriteInform(new byte[300], 1, Mac, IPAddress.IPv6Loopback));
        Assert.Throws<ArgumentException>(() => DhcpMessage.WriteDiscover(new byte[299], 1, Mac, IPAddress.Loopback));
    }

    [Fact]
    public void Parses_an_offer_built_by_hand()
    {
        Assert.True(DhcpMessage.TryParse(Hex(HandOffer), out var offer, out var error), error);
        Assert.Equal(2, offer.Op);
        Assert.Equal(0x12345678u, offer.TransactionId);
        Assert.Equal(0x8000, offer.Flags);
        Assert.Equal(IPAddress.Any, offer.ClientAddress);
        Assert.Equal(IPAddress.Parse("192.0.2.50"), offer.YourAddress);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), offer.ServerAddress);
        Assert.Equal(IPAddress.Parse("192.0.2.5"), offer.RelayAddress);
        Assert.Equal(Mac, offer.ClientHardwareAddress);
        Assert.Equal(DhcpMessageType.Offer, offer.MessageType);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), offer.ServerIdentifier);
        Assert.Equal([0, 0, 0x0e, 0x10], offer.Options[51]);
        Assert.Equal([255, 255, 255, 0], offer.Options[1]);
        Assert.Equal(new byte[] { 1, 3, 51, 53, 54 }, offer.Options.Keys.Order());
    }

    [Fact]
    public void Parses_a_nak_and_tolerates_overload_and_a_missing_end()
    {
        var message = Hex(HandOffer)[..240].Concat(Hex("350106 3604c0000209 340103")).ToArray();
        Assert.True(DhcpMessage.TryParse(message, out var nak, out var error), error);
        Assert.Equal(DhcpMessageType.Nak, nak.MessageType);
        Assert.Equal(IPAddress.Parse("192.0.2.9"), nak.ServerIdentifier);
        Assert.Equal([3], nak.Options[52]);
    }

    [Fact]
    public void Plain_bootp_and_odd_sized_options_give_null_type_and_server()
    {
        var message = Hex(HandOffer)[..240].Concat(Hex("35020202 3603c00002 ff")).ToArray();
        Assert.True(DhcpMessage.TryParse(message, out var reply, out var error), error);
        Assert.Null(reply.MessageType);
        Assert.Null(reply.ServerIdentifier);
    }

    [Fact]
    public void A_hardware_length_over_16_reads_16_bytes()
    {
        var message = Hex(HandOffer);
        message[2] = 200;
        Assert.True(DhcpMessage.TryParse(message, out var reply, out _));
        Assert.Equal(16, reply.ClientHardwareAddress.Length);
    }

    [Theory]
    [InlineData(239, "shorter than a DHCP header")]
    [InlineData(0, "shorter than a DHCP header")]
    public void Refuses_a_message_shorter_than_the_header(int length, string reason)
    {
        Assert.False(DhcpMessage.TryParse(Hex(HandOffer)[..length], out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("63825364 350102 ff", "no DHCP magic cookie (found 63825364)")]
    [InlineData("63825363 350102 36", "option 54 has no length byte")]
    [InlineData("63825363 350102 3604c00002", "option 54 of 4 bytes runs past the end")]
    public void Refuses_malformed_options_with_a_reason(string tail, string reason)
    {
        var message = Hex(HandOffer)[..236].Concat(Hex(tail)).ToArray();
        Assert.False(DhcpMessage.TryParse(message, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Reads_op_and_xid_of_anything_with_8_bytes()
    {
        Assert.True(DhcpMessage.TryReadHeader(Hex("02 01 06 00 12345678"), out var op, out var xid));
        Assert.Equal(((byte)2, 0x12345678u), (op, xid));
        Assert.False(DhcpMessage.TryReadHeader(Hex("02 01 06 00 123456"), out _, out _));
    }

    [Fact]
    public void Never_throws_on_random_bytes()
    {
        var random = new Random(2131);
        var buffer = new byte[700];
        var parsed = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (length >= 240 && random.Next(2) == 0)
            {
                Hex("63825363").CopyTo(buffer, 236); // reach the option parser
            }
            if (DhcpMessage.TryParse(buffer.AsSpan(0, length), out var message, out var error))
            {
                parsed++;
                Assert.NotNull(message.Options);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
        Assert.True(parsed > 0);
    }

    [Fact]
    public void Never_throws_on_mutated_or_truncated_replies()
    {
        var random = new Random(67);
        var seed = Hex(HandOffer);
        for (var i = 0; i < 50_000; i++)
        {
            var message = (byte[])seed.Clone();
            for (var flips = random.Next(1, 4); flips > 0 && message.Length > 0; flips--)
            {
                switch (random.Next(3))
                {
                    case 0: message[240 + random.Next(message.Length - 240)] = (byte)random.Next(256); break;
                    case 1: message[random.Next(message.Length)] ^= (byte)(1 << random.Next(8)); break;
                    default: message = message[..random.Next(message.Length)]; break;
                }
                if (message.Length <= 240)
                {
                    break;
                }
            }
            if (!DhcpMessage.TryParse(message, out _, out var error))
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
    }
}
