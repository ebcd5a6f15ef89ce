using Failover.Carp.Tests.Support;
using Failover.Mail.Message;
using Failover.Mail.Smtp;
using Failover.Mail.Spool;

namespace Failover.Mail.Tests.Sink;

/// <summary>The client and the spool against a real SMTP server (aiosmtpd) on loopback.</summary>
public sealed class RealRelayTests : IDisposable
{
    private readonly string _spoolDirectory = Directory.CreateTempSubdirectory("failover-spool-").FullName;
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => Directory.Delete(_spoolDirectory, recursive: true);

    [AiosmtpdFact]
    public async Task Plain_delivery_arrives_intact()
    {
        using var sink = new AiosmtpdSink().Start();
        var message = Alert("Störung: samba on varda", "What: promoted\nNode: varda\n.\nline after a lone dot\n");
        await new SmtpRelayClient(Plain(sink)).SendAsync(message.Envelope, MessageRenderer.Render(message), CancellationToken.None);

        var received = Assert.Single(sink.Messages());
        Assert.StartsWith("X-Sink-From: failover@varda.example.test\r\nX-Sink-To: admin@example.test\r\n"
                          + "X-Sink-To: oncall@example.test\r\nX-Sink-Tls: no\r\nX-Sink-Auth: -\r\nFrom: ", received, StringComparison.Ordinal);
        // The server undid the dot-stuffing: the body reads back as written, the lone dot too.
        var parsed = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(received)));
        Assert.Equal("Störung: samba on varda", parsed.Subject);
        Assert.Equal("What: promoted\nNode: varda\n.\nline after a lone dot\n", parsed.TextBody?.ReplaceLineEndings("\n"));
    }

    [AiosmtpdFact]
    public async Task Starttls_with_a_site_ca_and_auth_plain()
    {
        using var certificates = new TestCertificates();
        using var sink = new AiosmtpdSink(Tls(certificates, "--user", "alice", "--password", "s3cret")).Start();
        var client = new SmtpRelayClient(Plain(sink) with
        {
            Tls = SmtpTlsMode.StartTls, CaFile = certificates.CaFile, Username = "alice", Password = "s3cret",
        });
        var message = Alert("tls", "body");
        await client.SendAsync(message.Envelope, MessageRenderer.Render(message), CancellationToken.None);

        var received = Assert.Single(sink.Messages());
        Assert.Contains("X-Sink-Tls: yes\r\nX-Sink-Auth: PLAIN:alice\r\n", received, StringComparison.Ordinal);
    }

    [AiosmtpdFact]
    public async Task Starttls_with_a_pinned_certificate_and_auth_login()
    {
        using var certificates = new TestCertificates();
        using var sink = new AiosmtpdSink(Tls(certificates, "--user", "alice", "--password", "s3cret", "--no-plain")).Start();
        var client = new SmtpRelayClient(Plain(sink) with
        {
            Tls = SmtpTlsMode.StartTls, PinnedSha256 = certificates.RelaySha256, Username = "alice", Password = "s3cret",
        });
        var message = Alert("pinned", "body");
        await client.SendAsync(message.Envelope, MessageRenderer.Render(message), CancellationToken.None);

        Assert.Contains("X-Sink-Tls: yes\r\nX-Sink-Auth: LOGIN:alice\r\n", Assert.Single(sink.Messages()), StringComparison.Ordinal);
    }

    [AiosmtpdFact]
    public async Task Implicit_tls()
    {
        using var certificates = new TestCertificates();
        using var sink = new AiosmtpdSink(Tls(certificates, "--implicit")).Start();
        var client = new SmtpRelayClient(Plain(sink) with { Tls = SmtpTlsMode.Implicit, CaFile = certificates.CaFile });
        var message = Alert("implicit", "body");
        await client.SendAsync(message.Envelope, MessageRenderer.Render(message), CancellationToken.None);

        Assert.Contains("X-Sink-Tls: yes\r\n", Assert.Single(sink.Messages()), StringComparison.Ordinal);
    }

    [AiosmtpdFact]
    public async Task Self_signed_relay_is_refused_without_ca_or_pin()
    {
        using var certificates = new TestCertificates();
        using var other = new TestCertificates();
        using var sink = new AiosmtpdSink(Tls(certificates)).Start();
        var message = Alert("x", "y");

        var system = await Assert.ThrowsAsync<SmtpDeliveryException>(() =>
            new SmtpRelayClient(Plain(sink) with { Tls = SmtpTlsMode.StartTls })
                .SendAsync(message.Envelope, MessageRenderer.Render(message), CancellationToken.None));
        Assert.StartsWith($"relay 127.0.0.1:{sink.Port}: TLS handshake failed: certificate not trusted (RemoteCertificateChainErrors",
            system.Message, StringComparison.Ordinal);

        var wrongCa = await Assert.ThrowsAsync<SmtpDeliveryException>(() =>
            new SmtpRelayClient(Plain(sink) with { Tls = SmtpTlsMode.StartTls, CaFile = other.CaFile })
                .SendAsync(message.Envelope, MessageRenderer.Render(message), CancellationToken.None));
        Assert.StartsWith($"relay 127.0.0.1:{sink.Port}: TLS handshake failed: certificate not signed by the configured CA",
            wrongCa.Message, StringComparison.Ordinal);

        var wrongPin = await Assert.ThrowsAsync<SmtpDeliveryException>(() =>
            new SmtpRelayClient(Plain(sink) with { Tls = SmtpTlsMode.StartTls, PinnedSha256 = other.RelaySha256 })
                .SendAsync(message.Envelope, MessageRenderer.Render(message), CancellationToken.None));
        Assert.Equal($"relay 127.0.0.1:{sink.Port}: TLS handshake failed: certificate SHA-256 {certificates.RelaySha256} is not the pinned one",
            wrongPin.Message);

        var wrongName = await Assert.ThrowsAsync<SmtpDeliveryException>(() =>
            new SmtpRelayClient(Plain(sink) with { Tls = SmtpTlsMode.StartTls, CaFile = certificates.CaFile, TlsServerName = "relay.example" })
                .SendAsync(message.Envelope, MessageRenderer.Render(message), CancellationToken.None));
        Assert.Contains("certificate name does not match", wrongName.Message, StringComparison.Ordinal);

        Assert.Empty(sink.Messages());
    }

    [AiosmtpdFact]
    public async Task Relay_down_message_is_spooled_and_delivered_when_it_comes_back_even_after_a_restart()
    {
        using var sink = new AiosmtpdSink();
        var client = new SmtpRelayClient(Plain(sink));
        var before = new MailSpool(_spoolDirectory, client, _time);
        before.Enqueue(Alert("first", "while the relay was down"));
        before.Enqueue(Alert("second", "still down"));

        var pass = await before.DeliverDueAsync(CancellationToken.None);
        Assert.Equal($"relay 127.0.0.1:{sink.Port}: cannot connect: Connection refused", pass.Deferred!.Error);
        Assert.Equal(2, before.Count);

        sink.Start();
        _time.Advance(TimeSpan.FromSeconds(15));
        before.Enqueue(Alert("third", "relay is back"));
        pass = await before.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(3, pass.Delivered.Count);
        Assert.Equal(0, before.Count);
        Assert.Equal(["first", "second", "third"], sink.Messages().Select(SubjectOf));

        // Down again; the daemon restarts (a new spool object on the same directory) after the relay is back.
        sink.Stop();
        before.Enqueue(Alert("fourth", "down again"));
        Assert.NotNull((await before.DeliverDueAsync(CancellationToken.None)).Deferred);
        sink.Start();
        var after = new MailSpool(_spoolDirectory, client, _time);
        Assert.Equal(1, after.Count);
        pass = await after.DeliverDueAsync(CancellationToken.None);
        Assert.Single(pass.Delivered);
        Assert.Equal(["first", "second", "third", "fourth"], sink.Messages().Select(SubjectOf));
    }

    [AiosmtpdFact]
    public async Task Rejected_recipient_goes_to_dead_letter_and_a_4xx_stays()
    {
        using var sink = new AiosmtpdSink().Start();
        var spool = new MailSpool(_spoolDirectory, new SmtpRelayClient(Plain(sink)), _time);
        var rejected = spool.Enqueue(Alert("rejected", "x") with { To = ["reject-me@example.test"] });
        var good = spool.Enqueue(Alert("good", "y"));

        var pass = await spool.DeliverDueAsync(CancellationToken.None);

        var dead = Assert.Single(pass.DeadLettered);
        Assert.Equal(rejected, dead.Id);
        Assert.Equal($"relay 127.0.0.1:{sink.Port} refused RCPT <reject-me@example.test>: "
                     + "550 5.1.1 <reject-me@example.test>: Recipient address rejected: User unknown", dead.Error);
        Assert.Equal([good], pass.Delivered);
        Assert.Equal(1, spool.DeadLetterCount);
        Assert.Equal(["good"], sink.Messages().Select(SubjectOf));

        spool.Enqueue(Alert("deferred", "z") with { To = ["defer-me@example.test"] });
        pass = await spool.DeliverDueAsync(CancellationToken.None);
        Assert.Contains("451 4.3.0", pass.Deferred!.Error, StringComparison.Ordinal);
        Assert.Equal(1, spool.Count);
        Assert.Equal(1, spool.DeadLetterCount);
    }

    [AiosmtpdFact]
    public async Task Flapping_reaches_the_relay_as_one_mail_and_one_digest_not_a_storm()
    {
        using var sink = new AiosmtpdSink().Start();
        var spool = new MailSpool(_spoolDirectory, new SmtpRelayClient(Plain(sink)), _time);
        using var mailer = new Failover.Mail.AlertMailer(new Failover.Mail.Planning.MailPlanner(new()), spool,
            new Failover.Mail.AlertAddressing("failover@varda.example.test", ["admin@example.test"], "varda.example.test"), _time);
        for (var i = 0; i < 30; i++)
        {
            mailer.Post("state", "samba: state", $"flap {i}");
            _time.Advance(TimeSpan.FromSeconds(15));
            await spool.DeliverDueAsync(CancellationToken.None);
        }
        _time.Advance(TimeSpan.FromMinutes(10));
        await spool.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(["[failover] samba: state", "[failover] samba: state (29 events in 10 min)"], sink.Messages().Select(SubjectOf));
    }

    private AlertMessage Alert(string subject, string body) => new()
    {
        From = "failover@varda.example.test",
        To = ["admin@example.test", "oncall@example.test"],
        Subject = subject,
        Body = body,
        Date = _time.GetUtcNow(),
        MessageId = AlertMessage.NewMessageId("varda.example.test"),
    };

    private static SmtpRelayOptions Plain(AiosmtpdSink sink) => new()
    {
        Host = "127.0.0.1",
        Port = sink.Port,
        Tls = SmtpTlsMode.None,
        HeloName = "varda.example.test",
        Timeout = TimeSpan.FromSeconds(10),
    };

    private static string[] Tls(TestCertificates certificates, params string[] more) =>
        ["--cert", certificates.CertFile, "--key", certificates.KeyFile, .. more];

    private static string SubjectOf(string message) =>
        message.Split("\r\n").Single(l => l.StartsWith("Subject: ", StringComparison.Ordinal))["Subject: ".Length..];
}
