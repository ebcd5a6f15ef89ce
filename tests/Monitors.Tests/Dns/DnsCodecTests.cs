using System.Net;
using Failover.Monitors.Dns;
using Xunit;

namespace Failover.Monitors.Tests.Dns;

public sealed class DnsCodecTests
{
    // Hand-computed (RFC 1035 §4.1): ID 0x1234, flags 0x0100 (RD), QDCOUNT 1, the name as length-prefixed
    // labels 3 "www" 7 "example" 4 "test" 0, QTYPE 1 (A), QCLASS 1 (IN).
    private const string WwwExampleTestA =
        "1234 0100 0001 0000 0000 0000 03 777777 07 6578616d706c65 04 74657374 00 0001 0001";

    // Captured from dnsmasq 2.90 (--no-resolv --no-hosts --address=/www.example.test/192.0.2.10) for the
    // query above: QR AA RD RA, one answer whose name is a pointer to offset 12, TTL 0.
    private const string DnsmasqReply =
        "1234 8580 0001 0001 0000 0000 03 777777 07 6578616d706c65 04 74657374 00 0001 0001 " +
        "c00c 0001 0001 00000000 0004 c000020a";

    internal static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Fact]
    public void Writes_the_golden_query()
    {
        var buffer = new byte[DnsQuery.MaxLength];
        var length = DnsQuery.Write(buffer, 0x1234, "www.example.test", DnsType.A, recursionDesired: true);
        Assert.Equal(Hex(WwwExampleTestA), buffer[..length]);
    }

    [Fact]
    public void A_trailing_dot_and_no_recursion_change_only_what_they_should()
    {
        var buffer = new byte[DnsQuery.MaxLength];
        var length = DnsQuery.Write(buffer, 0x1234, "www.example.test.", DnsType.AAAA, recursionDesired: false);
        var expected = Hex(WwwExampleTestA);
        expected[2] = 0;
        expected[^3] = 28;
        Assert.Equal(expected, buffer[..length]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("bad name.test")]
    [InlineData("ünï.test")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.test")] // 64-octet label
    public void Refuses_names_that_are_not_host_names(string name)
    {
        Assert.Throws<ArgumentException>(() => DnsQuery.Write(new byte[DnsQuery.MaxLength], 1, name, DnsType.A, true));
    }

    [Fact]
    public void Refuses_a_name_longer_than_255_octets()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)); // 4 × 64 + 1 = 257 octets
        Assert.Throws<ArgumentException>(() => DnsQuery.Write(new byte[1024], 1, name, DnsType.A, true));
    }

    [Fact]
    public void Parses_a_dnsmasq_reply()
    {
        Assert.True(DnsResponse.TryParse(Hex(DnsmasqReply), out var reply, out var error), error);
        Assert.Equal(0x1234, reply.Id);
        Assert.True(reply.IsResponse);
        Assert.True(reply.Authoritative);
        Assert.False(reply.Truncated);
        Assert.True(reply.RecursionDesired);
        Assert.True(reply.RecursionAvailable);
        Assert.Equal(DnsResponseCode.NoError, reply.ResponseCode);
        Assert.Equal(new DnsQuestion("www.example.test", DnsType.A, 1), reply.Question);
        Assert.True(reply.Question!.Matches("WWW.Example.Test.", DnsType.A));
        Assert.False(reply.Question.Matches("www.example.test", DnsType.AAAA));
        Assert.Equal([new DnsRecord("www.example.test", DnsType.A, 1, 0, IPAddress.Parse("192.0.2.10"))], reply.Answers);
    }

    [Fact]
    public void Parses_a_dnsmasq_refusal_of_a_name_it_does_not_serve()
    {
        // Captured from the same dnsmasq for none.example.test A, ID 0x4321: REFUSED, RD RA, no answers.
        var message = Hex("4321 8185 0001 0000 0000 0000 04 6e6f6e65 07 6578616d706c65 04 74657374 00 0001 0001");
        Assert.True(DnsResponse.TryParse(message, out var reply, out var error), error);
        Assert.Equal((DnsResponseCode.Refused, false), (reply.ResponseCode, reply.Authoritative));
        Assert.Equal("none.example.test", reply.Question?.Name);
        Assert.Empty(reply.Answers);
    }

    [Fact]
    public void Parses_flags_and_rcode_of_a_servfail()
    {
        var query = Hex(WwwExampleTestA);
        Assert.True(DnsResponse.TryParse(DnsReply.To(query, rcode: 2, flags: DnsReply.Tc), out var reply, out _));
        Assert.Equal((DnsResponseCode.ServFail, true, false, false), (reply.ResponseCode, reply.Truncated, reply.Authoritative, reply.RecursionAvailable));
        Assert.Equal("SERVFAIL", DnsResponseCode.Name(reply.ResponseCode));
    }

    [Fact]
    public void Follows_a_chain_of_pointers_to_earlier_names()
    {
        // Answer 1: "mail" + pointer to the question name; answer 2: pointer to answer 1's name.
        var message = Hex("0001 8000 0001 0002 0000 0000 07 6578616d706c65 04 74657374 00 0001 0001" +
                          " 04 6d61696c c00c 0001 0001 00000e10 0004 c0000201" +
                          " c01e 0001 0001 00000e10 0004 c0000202");
        Assert.True(DnsResponse.TryParse(message, out var reply, out var error), error);
        Assert.Equal(["mail.example.test", "mail.example.test"], reply.Answers.Select(a => a.Name));
        Assert.Equal(IPAddress.Parse("192.0.2.2"), reply.Answers[1].Address);
    }

    [Theory]
    [InlineData("0001 8000 0001 0000 0000 0000 c00c 0001 0001", "points forward")] // pointer to itself
    [InlineData("0001 8000 0001 0000 0000 0000 c00e 0001 0001", "points forward")] // pointer forward
    [InlineData("0001 8000 0001 0000 0000 0000 03 777777", "past the end")] // name without its end
    [InlineData("0001 8000 0001 0000 0000 0000 3f 7777", "past the end")] // label longer than the rest
    [InlineData("0001 8000 0001 0000 0000 0000 40 00 0001 0001", "label type")] // reserved label type
    [InlineData("0001 8000 0001 0000 0000 0000 00 0001", "question runs past")]
    [InlineData("0001 8000 0000 0001 0000 0000 00 0001 0001 00000000 0005 c0000201", "runs past the end")]
    [InlineData("0001 8000 0000 0001 0000 0000 00 0001 0001 00000000 0003 c00002", "3 bytes of data")]
    [InlineData("0001 8000 0000", "shorter than a DNS header")]
    public void Refuses_malformed_messages_with_a_reason(string hex, string reason)
    {
        Assert.False(DnsResponse.TryParse(Hex(hex), out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Keeps_what_is_complete_of_a_truncated_reply()
    {
        var whole = Hex(DnsmasqReply);
        whole[2] |= 0x02; // TC
        Assert.True(DnsResponse.TryParse(whole[..^6], out var reply, out var error), error);
        Assert.True(reply.Truncated);
        Assert.Empty(reply.Answers);
    }

    [Fact]
    public void Refuses_a_name_longer_than_255_octets_built_from_pointers()
    {
        // Four questions, each one 63-octet label plus a pointer to the name before: 65, 129, 193, 257 octets.
        var message = new List<byte>(Hex("0001 8000 0004 0000 0000 0000"));
        message.AddRange([63, .. Enumerable.Repeat((byte)'a', 63), 0, 0, 1, 0, 1]);
        var previous = 12;
        for (var i = 0; i < 3; i++)
        {
            var here = message.Count;
            message.AddRange([63, .. Enumerable.Repeat((byte)'b', 63), (byte)(0xC0 | previous >> 8), (byte)previous, 0, 1, 0, 1]);
            previous = here;
        }
        Assert.False(DnsResponse.TryParse(message.ToArray(), out _, out var error));
        Assert.Contains("longer than 255", error);
        message[5] = 3; // the first three are fine
        Assert.True(DnsResponse.TryParse(message.ToArray(), out var reply, out error), error);
        Assert.Equal(63, reply.Question!.Name.Length);
    }

    [Fact]
    public void Never_throws_on_random_bytes()
    {
        var random = new Random(20250101);
        var buffer = new byte[600];
        var parsed = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (length >= 12 && random.Next(2) == 0)
            {
                buffer[4] = 0; buffer[5] = (byte)random.Next(3); // plausible counts reach deeper code
                buffer[6] = 0; buffer[7] = (byte)random.Next(4);
            }
            if (DnsResponse.TryParse(buffer.AsSpan(0, length), out var reply, out _))
            {
                parsed++;
                Assert.NotNull(reply.Answers);
            }
        }
        Assert.True(parsed > 0);
    }

    [Fact]
    public void Never_throws_on_mutated_replies()
    {
        var random = new Random(53);
        var seeds = new[]
        {
            Hex(DnsmasqReply),
            DnsReply.To(Hex(WwwExampleTestA), answers: [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("2001:db8::1")]),
        };
        for (var i = 0; i < 50_000; i++)
        {
            var message = (byte[])seeds[i % seeds.Length].Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                switch (random.Next(3))
                {
                    case 0: message[random.Next(message.Length)] ^= (byte)(1 << random.Next(8)); break;
                    case 1: message[random.Next(message.Length)] = (byte)random.Next(256); break;
                    default: message = message[..random.Next(message.Length)]; break;
                }
                if (message.Length == 0)
                {
                    break;
                }
            }
            if (!DnsResponse.TryParse(message, out _, out var error))
            {
                Assert.False(string.IsNullOrEmpty(error));
            }
        }
    }
}
