using Failover.Monitors.Samba;
using Xunit;

namespace Failover.Monitors.Tests.Samba;

public sealed class Smb2NegotiateTests
{
    private static readonly Guid ClientGuid = new("00112233-4455-6677-8899-aabbccddeeff");

    [Fact]
    public void The_request_matches_the_golden_bytes()
    {
        // Hand-checked against MS-SMB2 2.1 (Direct TCP), 2.2.1.2 (sync header), 2.2.3 (NEGOTIATE request).
        var expected = Convert.FromHexString(string.Concat(
            "0000006C",                          // frame: type 0, length 108 = 64 header + 36 body + 8 dialects
            "FE534D42",                          // ProtocolId
            "4000", "0000",                      // StructureSize 64, CreditCharge 0
            "00000000",                          // ChannelSequence/Reserved (Status)
            "0000", "0100",                      // Command NEGOTIATE, CreditRequest 1
            "00000000", "00000000",              // Flags, NextCommand
            "0000000000000000",                  // MessageId 0
            "00000000", "00000000",              // Reserved (ProcessId), TreeId
            "0000000000000000",                  // SessionId
            "00000000000000000000000000000000",  // Signature
            "2400", "0400",                      // body StructureSize 36, DialectCount 4
            "0100", "0000",                      // SecurityMode signing enabled, Reserved
            "00000000",                          // Capabilities
            "33221100554477668899AABBCCDDEEFF",  // ClientGuid as the GUID's little-endian fields
            "0000000000000000",                  // ClientStartTime (no negotiate contexts below 3.1.1)
            "0202", "1002", "0003", "0203"));    // dialects 2.0.2, 2.1, 3.0, 3.0.2 (LE)
        var buffer = new byte[200];

        var length = Smb2Negotiate.Write(buffer, ClientGuid);

        Assert.Equal(112, length);
        Assert.Equal(Smb2Negotiate.RequestLength, length);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, length));
        Assert.All(buffer[length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Every_request_has_a_fresh_client_guid()
    {
        var a = new byte[Smb2Negotiate.RequestLength];
        var b = new byte[Smb2Negotiate.RequestLength];
        Smb2Negotiate.Write(a);
        Smb2Negotiate.Write(b);
        Assert.NotEqual(Convert.ToHexString(a, 80, 16), Convert.ToHexString(b, 80, 16));
        Assert.Equal(Convert.ToHexString(a, 0, 80), Convert.ToHexString(b, 0, 80));
    }

    [Fact]
    public void A_short_buffer_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Smb2Negotiate.Write(new byte[111], ClientGuid));
    }

    [Fact]
    public void A_negotiate_response_parses()
    {
        var ok = Smb2Negotiate.TryParseResponse(Smb2Reply.Negotiate(0x0302), out var reply, out var error);

        Assert.True(ok, error);
        Assert.Equal(new Smb2NegotiateResponse(0, 65, 0x0302, 1, Smb2Reply.ServerGuid, 0x2F, 8388608, 8388608, 8388608), reply);
    }

    [Fact]
    public void An_error_response_parses_with_its_status()
    {
        Assert.True(Smb2Negotiate.TryParseResponse(Smb2Reply.Error(0xC000000D), out var reply, out var error), error);
        Assert.Equal(0xC000000Du, reply.Status);
        Assert.Equal(9, reply.BodyStructureSize);
        Assert.Equal(0, reply.DialectRevision);
    }

    public static TheoryData<string, byte[]> NotReplies => new()
    {
        { "no SMB2 protocol id (FE 'S' 'M' 'B')", [] },
        { "no SMB2 protocol id (FE 'S' 'M' 'B')", "HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray() },
        { "an SMB1 reply (the server does not speak SMB2)", [0xFF, (byte)'S', (byte)'M', (byte)'B', 0x72, 0, 0, 0] },
        { "10 bytes, shorter than an SMB2 header", Smb2Reply.Negotiate(0x0302)[..10] },
        { "no body after the SMB2 header", Smb2Reply.Negotiate(0x0302)[..64] },
        { "NEGOTIATE response body of 40 bytes, need 64", Smb2Reply.Negotiate(0x0302)[..104] },
        { "header StructureSize 65, expected 64", With(Smb2Reply.Negotiate(0x0302), 4, 65) },
        { "command 0x0001, expected NEGOTIATE", With(Smb2Reply.Negotiate(0x0302), 12, 1) },
        { "a request, not a response (SERVER_TO_REDIR flag clear)", With(Smb2Reply.Negotiate(0x0302), 16, 0) },
    };

    [Theory]
    [MemberData(nameof(NotReplies))]
    public void What_is_not_a_negotiate_reply_is_refused_with_a_reason(string reason, byte[] message)
    {
        Assert.False(Smb2Negotiate.TryParseResponse(message, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Theory]
    [InlineData("0000006C", true, 108, "")]
    [InlineData("00012345", true, 0x012345, "")]
    [InlineData("85000000", false, 0, "frame type 0x85, expected 0x00 (session message)")]
    [InlineData("000000", false, 0, "frame header of 3 bytes, need 4")]
    public void Frame_headers_are_read(string hex, bool ok, int length, string reason)
    {
        Assert.Equal(ok, Smb2Negotiate.TryReadFrameLength(Convert.FromHexString(hex), out var read, out var error));
        Assert.Equal(length, read);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Every_truncation_and_every_byte_flip_of_a_reply_is_survived()
    {
        var reply = Smb2Reply.Negotiate(0x0302);
        for (var length = 0; length <= reply.Length; length++)
        {
            Smb2Negotiate.TryParseResponse(reply.AsSpan(0, length), out _, out _);
        }
        for (var i = 0; i < reply.Length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0xFF, (byte)(reply[i] ^ 0x80) })
            {
                var copy = (byte[])reply.Clone();
                copy[i] = value;
                var ok = Smb2Negotiate.TryParseResponse(copy, out _, out var error);
                Assert.True(ok || error.Length > 0);
            }
        }
    }

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(4242);
        var header = Smb2Reply.Negotiate(0x0302)[..64];
        for (var i = 0; i < 20000; i++)
        {
            var noise = new byte[random.Next(0, 200)];
            random.NextBytes(noise);
            if (i % 2 == 0 && noise.Length >= 64)
            {
                header.CopyTo(noise, 0); // a valid header, so the body paths get fuzzed too
            }
            var ok = Smb2Negotiate.TryParseResponse(noise, out _, out var error);
            Assert.True(ok || error.Length > 0);
            Smb2Negotiate.TryReadFrameLength(noise, out _, out _);
        }
    }

    [Theory]
    [InlineData(0x0202, "2.0.2")]
    [InlineData(0x0210, "2.1")]
    [InlineData(0x0300, "3.0")]
    [InlineData(0x0302, "3.0.2")]
    [InlineData(0x0311, "3.1.1")]
    [InlineData(0x02FF, "0x02FF")]
    public void Dialects_have_their_usual_names(ushort dialect, string name) => Assert.Equal(name, Smb2Dialect.Name(dialect));

    private static byte[] With(byte[] message, int offset, ushort value)
    {
        message[offset] = (byte)value;
        message[offset + 1] = (byte)(value >> 8);
        return message;
    }
}
