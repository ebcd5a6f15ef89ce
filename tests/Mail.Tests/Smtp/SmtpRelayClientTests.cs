using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Failover.Mail.Smtp;

namespace Failover.Mail.Tests.Smtp;

public sealed class SmtpRelayClientTests
{
    private static readonly MailEnvelope Envelope = new("failover@varda", ["admin@example.test"]);
    private static readonly byte[] Message = "Subject: x\r\n\r\nbody\r\n"u8.ToArray();

    [Fact]
    public async Task Plain_dialogue_with_dot_stuffed_data()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay ESMTP\r\n");
            await s.ConverseAsync("250-relay\r\n250 8BITMIME\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n");
            await s.ReadDataAsync();
            await s.SendAsync("250 queued\r\n");
            await s.ConverseAsync("221 bye\r\n");
        });
        await Client(server).SendAsync(Envelope, "Subject: x\r\n\r\n.lonely dot\r\nend"u8.ToArray(), CancellationToken.None);
        Assert.Equal(
            ["EHLO varda", "MAIL FROM:<failover@varda>", "RCPT TO:<admin@example.test>", "DATA",
             "Subject: x", "", "..lonely dot", "end", ".", "QUIT"],
            server.Received);
    }

    [Fact]
    public async Task A_refused_DATA_is_this_messages_refusal_so_permanent()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay ESMTP\r\n");
            await s.ConverseAsync("250 relay\r\n", "250 ok\r\n", "250 ok\r\n", "554 5.6.0 message refused\r\n");
        });
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => Send(server));
        // MailKit calls it an unexpected status code; it is still the relay refusing this message (dead letter).
        Assert.Equal($"relay 127.0.0.1:{server.Port} refused DATA: 554 5.6.0 message refused", e.Message);
        Assert.True(e.IsPermanent);
    }

    [Fact]
    public async Task A_refused_message_after_its_data_is_permanent_and_named()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay ESMTP\r\n");
            await s.ConverseAsync("250 relay\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n");
            await s.ReadDataAsync();
            await s.SendAsync("550 5.7.1 content refused\r\n");
        });
        var body = "Subject: x\r\n\r\nMail from the master:\r\nRCPT is a word too\r\n"u8.ToArray();
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => Client(server).SendAsync(Envelope, body, CancellationToken.None));
        Assert.Equal($"relay 127.0.0.1:{server.Port} refused the message: 550 5.7.1 content refused", e.Message);
        Assert.True(e.IsPermanent);
    }

    [Fact]
    public async Task Garbage_greeting_is_named()
    {
        await using var server = new FakeSmtpServer(s => s.SendAsync("HTTP/1.0 400 Bad Request\r\n\r\n"));
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => Send(server));
        Assert.Equal($"relay 127.0.0.1:{server.Port}: greeting: Unable to parse status code returned by the server.", e.Message);
        Assert.False(e.IsPermanent);
    }

    [Fact]
    public async Task Reply_cut_short_by_a_closed_connection()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay\r\n");
            await s.ReadLineAsync();
            await s.SendAsync("250-relay\r\n250 PIPEL");
        });
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => Send(server));
        Assert.StartsWith($"relay 127.0.0.1:{server.Port}: EHLO: The SMTP server has unexpectedly disconnected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_server_times_out_on_the_read()
    {
        await using var server = new FakeSmtpServer(async s => await Task.Delay(Timeout.Infinite, s.Stopping));
        var clock = Stopwatch.StartNew();
        // Long enough that a loaded machine still connects within it: the greeting is what must time out.
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => Send(server, TimeSpan.FromSeconds(2)));
        Assert.Equal($"relay 127.0.0.1:{server.Port}: greeting: no reply within 2 s", e.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(1900), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Slow_server_that_stalls_mid_reply_times_out_too()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220-relay\r\n");
            await Task.Delay(Timeout.Infinite, s.Stopping);
        });
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => Send(server, TimeSpan.FromSeconds(2)));
        Assert.EndsWith(": greeting: no reply within 2 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_recipient_is_permanent_and_says_who_and_why()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay\r\n");
            await s.ConverseAsync("250 relay\r\n", "250 ok\r\n", "550-5.1.1 <admin@example.test>: Recipient address rejected:\r\n550 5.1.1 User unknown\r\n");
        });
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => Send(server));
        Assert.Equal($"relay 127.0.0.1:{server.Port} refused RCPT <admin@example.test>: "
                     + "550 5.1.1 <admin@example.test>: Recipient address rejected: / 5.1.1 User unknown", e.Message);
        Assert.True(e.IsPermanent);
        Assert.Equal(550, e.Reply!.Code);
    }

    [Fact]
    public async Task Temporary_refusal_is_not_permanent()
    {
        await using var server = new FakeSmtpServer(s => s.SendAsync("421 4.3.2 shutting down\r\n"));
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => Send(server));
        Assert.Equal($"relay 127.0.0.1:{server.Port} refused greeting: 421 4.3.2 shutting down", e.Message);
        Assert.False(e.IsPermanent);
    }

    [Fact]
    public async Task Required_starttls_missing_is_an_error_not_a_downgrade()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay\r\n");
            await s.ConverseAsync("250-relay\r\n250 AUTH PLAIN\r\n");
            await s.ReadLineAsync();
        });
        var client = new SmtpRelayClient(new SmtpRelayOptions { Host = "127.0.0.1", Port = server.Port, HeloName = "varda" });
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => client.SendAsync(Envelope, Message, CancellationToken.None));
        Assert.Equal($"relay 127.0.0.1:{server.Port} does not offer STARTTLS (and TLS is required)", e.Message);
        Assert.DoesNotContain(server.Received, l => l.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Password_is_not_sent_in_clear_unless_allowed()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay\r\n");
            await s.ConverseAsync("250-relay\r\n250 AUTH PLAIN LOGIN\r\n");
            await s.ReadLineAsync();
        });
        var client = new SmtpRelayClient(Options(server) with { Username = "alice", Password = "secret" });
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => client.SendAsync(Envelope, Message, CancellationToken.None));
        Assert.Contains("refusing to send the password without TLS", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Received, l => l.StartsWith("AUTH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auth_login_when_plain_is_not_offered_and_clear_text_is_allowed()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay\r\n");
            await s.ConverseAsync("250-relay\r\n250 AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n", "334 UGFzc3dvcmQ6\r\n",
                "235 2.7.0 ok\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n");
            await s.ReadDataAsync();
            await s.SendAsync("250 queued\r\n");
            await s.ConverseAsync("221 bye\r\n");
        });
        var client = new SmtpRelayClient(Options(server) with { Username = "alice", Password = "secret", AllowAuthWithoutTls = true });
        await client.SendAsync(Envelope, Message, CancellationToken.None);
        Assert.Equal(["AUTH LOGIN", "YWxpY2U=", "c2VjcmV0"], server.Received[1..4]);
    }

    [Fact]
    public async Task Bad_password_is_reported_but_not_permanent()
    {
        await using var server = new FakeSmtpServer(async s =>
        {
            await s.SendAsync("220 relay\r\n");
            await s.ConverseAsync("250-relay\r\n250 AUTH LOGIN PLAIN\r\n", "535 5.7.8 Authentication credentials invalid\r\n");
            await s.ReadLineAsync();
        });
        var client = new SmtpRelayClient(Options(server) with { Username = "alice", Password = "wrong", AllowAuthWithoutTls = true });
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => client.SendAsync(Envelope, Message, CancellationToken.None));
        Assert.Equal($"relay 127.0.0.1:{server.Port} refused AUTH PLAIN as alice: 535 5.7.8 Authentication credentials invalid", e.Message);
        Assert.False(e.IsPermanent);
        Assert.Equal("AUTH PLAIN AGFsaWNlAHdyb25n", server.Received[1]);
        // One mechanism tried, not each in turn: a wrong password is one failed login on the relay.
        Assert.Single(server.Received, l => l.StartsWith("AUTH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nobody_listening_is_a_connect_error()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var client = new SmtpRelayClient(new SmtpRelayOptions { Host = "127.0.0.1", Port = port, Tls = SmtpTlsMode.None });
        var e = await Assert.ThrowsAsync<SmtpDeliveryException>(() => client.SendAsync(Envelope, Message, CancellationToken.None));
        Assert.Equal($"relay 127.0.0.1:{port}: cannot connect: Connection refused", e.Message);
        Assert.IsType<SocketException>(e.InnerException);
    }

    [Theory]
    [InlineData("a@b>\r\nRCPT TO:<evil@x")]
    [InlineData("a b@c")]
    [InlineData("")]
    public async Task Addresses_that_would_inject_commands_are_refused(string recipient)
    {
        var client = new SmtpRelayClient(new SmtpRelayOptions { Host = "127.0.0.1", Tls = SmtpTlsMode.None });
        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.SendAsync(new MailEnvelope("f@x", [recipient]), Message, CancellationToken.None));
    }

    [Theory]
    [InlineData("12:34")]
    [InlineData("zz")]
    public void Malformed_pin_is_refused_at_construction(string pin)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new SmtpRelayClient(new SmtpRelayOptions { Host = "relay", PinnedSha256 = pin }));
        Assert.Contains("is not a SHA-256 in hex", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_never_print_the_password()
    {
        var options = new SmtpRelayOptions { Host = "relay.example.test", Port = 587, Username = "alice", Password = "s3cret" };
        Assert.Equal("relay relay.example.test:587 tls=StartTls user=alice", options.ToString());
        Assert.Equal("[2001:db8::25]:25", (options with { Host = "2001:db8::25", Port = 25 }).Endpoint);
    }

    private static SmtpRelayOptions Options(FakeSmtpServer server, TimeSpan? timeout = null) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        Tls = SmtpTlsMode.None,
        HeloName = "varda",
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    private static SmtpRelayClient Client(FakeSmtpServer server, TimeSpan? timeout = null) => new(Options(server, timeout));

    private static Task Send(FakeSmtpServer server, TimeSpan? timeout = null) =>
        Client(server, timeout).SendAsync(Envelope, Message, CancellationToken.None);
}
