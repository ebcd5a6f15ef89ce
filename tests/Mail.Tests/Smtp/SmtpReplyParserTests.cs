using System.Text;
using Failover.Mail.Smtp;

namespace Failover.Mail.Tests.Smtp;

public sealed class SmtpReplyParserTests
{
    [Fact]
    public void Single_line_reply()
    {
        Assert.True(Parse("250 2.0.0 Ok: queued as 4F2A1\r\n", out var reply, out var consumed));
        Assert.Equal(250, reply!.Code);
        Assert.Equal(["2.0.0 Ok: queued as 4F2A1"], reply.Lines);
        Assert.Equal(31, consumed);
    }

    [Fact]
    public void Multi_line_ehlo_reply_from_aiosmtpd()
    {
        // What aiosmtpd 1.4.3 (tests/Mail.Tests/Sink/smtp-sink.py, no TLS) answered to "EHLO x".
        const string ehlo = "250-sink.example\r\n250-SIZE 33554432\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 HELP\r\n";
        Assert.True(Parse(ehlo + "354 next", out var reply, out var consumed));
        Assert.Equal(250, reply!.Code);
        Assert.Equal(["sink.example", "SIZE 33554432", "8BITMIME", "SMTPUTF8", "HELP"], reply.Lines);
        Assert.Equal(ehlo.Length, consumed);
        var capabilities = EhloCapabilities.Parse(reply);
        Assert.False(capabilities.StartTls);
        Assert.True(capabilities.EightBitMime);
        Assert.Empty(capabilities.AuthMechanisms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("25")]
    [InlineData("250")]
    [InlineData("250-first\r\n")]
    [InlineData("250-first\r\n250 last")]
    [InlineData("250 no line end yet")]
    public void Incomplete_reply_needs_more_bytes(string text)
    {
        Assert.False(Parse(text, out var reply, out var consumed));
        Assert.Null(reply);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Code_alone_ends_the_reply()
    {
        Assert.True(Parse("250\r\n", out var reply, out _));
        Assert.Equal(250, reply!.Code);
        Assert.Equal([""], reply.Lines);
    }

    [Fact]
    public void Bare_lf_line_ends_are_accepted()
    {
        Assert.True(Parse("220-hello\n220 there\n", out var reply, out var consumed));
        Assert.Equal(["hello", "there"], reply!.Lines);
        Assert.Equal(20, consumed);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\n", "malformed reply line \"HTTP/1.1 400 Bad Request\"")]
    [InlineData("SSH-2.0-OpenSSH_9.2", "malformed reply line \"SSH-2.0-OpenSSH_9.2\"")]
    [InlineData("25x ok\r\n", "malformed reply line \"25x ok\"")]
    [InlineData("650 ok\r\n", "malformed reply line \"650 ok\"")]
    [InlineData("250_ok\r\n", "malformed reply line \"250_ok\"")]
    [InlineData("25\r\n", "malformed reply line \"25\"")]
    [InlineData("250-one\r\n550 two\r\n", "reply line \"550 two\" changes the code of a multi-line 250 reply")]
    public void Garbage_is_a_protocol_error_not_a_wait(string text, string message)
    {
        var e = Assert.Throws<SmtpProtocolException>(() => Parse(text, out _, out _));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_binary_is_reported_printably()
    {
        var e = Assert.Throws<SmtpProtocolException>(() =>
            SmtpReplyParser.TryParse(new byte[] { 0x16, 0x03, 0x01, 0x00, (byte)'\n' }, out _, out _));
        Assert.Equal("malformed reply line \"????\"", e.Message);
    }

    [Fact]
    public void Overlong_line_without_end_is_an_error()
    {
        var text = "250 " + new string('x', SmtpReplyParser.MaxLineLength);
        var e = Assert.Throws<SmtpProtocolException>(() => Parse(text, out _, out _));
        Assert.Contains("longer than 2048", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endless_multi_line_reply_is_an_error()
    {
        var text = string.Concat(Enumerable.Repeat("250-more\r\n", SmtpReplyParser.MaxLines + 1));
        var e = Assert.Throws<SmtpProtocolException>(() => Parse(text, out _, out _));
        Assert.Contains("longer than 100 lines", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_text_is_kept_for_error_messages()
    {
        Assert.True(Parse("550-5.1.1 <x@example.test>: Recipient address rejected:\r\n550 5.1.1 User unknown\r\n", out var reply, out _));
        Assert.True(reply!.IsPermanentFailure);
        Assert.False(reply.IsPositive);
        Assert.Equal("550 5.1.1 <x@example.test>: Recipient address rejected: / 5.1.1 User unknown", reply.ToString());
    }

    [Fact]
    public void Old_style_auth_advertisement_is_understood()
    {
        Assert.True(Parse("250-relay\r\n250-AUTH=LOGIN PLAIN\r\n250 AUTH CRAM-MD5\r\n", out var reply, out _));
        var capabilities = EhloCapabilities.Parse(reply!);
        Assert.Equal(["CRAM-MD5", "LOGIN", "PLAIN"], capabilities.AuthMechanisms.Order());
        Assert.False(capabilities.StartTls);
    }

    private static bool Parse(string text, out SmtpReply? reply, out int consumed) =>
        SmtpReplyParser.TryParse(Encoding.UTF8.GetBytes(text), out reply, out consumed);
}
