using System.Text;

namespace Failover.Mail.Smtp;

/// <summary>
/// Our own small SMTP submission client. Not System.Net.Mail.SmtpClient: Microsoft marks it "not
/// recommended", it has no per-client certificate pinning or CA file (only a process-wide callback), no
/// deadline on each read, and it folds the relay's reply into a generic SmtpException, whereas an alert
/// that did not go out must say which relay refused which command with what reply. One connection per
/// message: alert mail is rare, and a fresh session cannot inherit a broken state.
/// </summary>
public sealed class SmtpRelayClient : IMailTransport
{
    private readonly SmtpRelayOptions _options;
    private readonly ServerCertificateCheck _certificates;

    public SmtpRelayClient(SmtpRelayOptions options)
    {
        _options = options;
        _certificates = new ServerCertificateCheck(options.CaFile, options.PinnedSha256);
        if (options.Username is not null && options.Password is null)
        {
            throw new ArgumentException("a username needs a password", nameof(options));
        }
    }

    public async Task SendAsync(MailEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        CheckAddress(envelope.From, allowEmpty: true);
        if (envelope.Recipients.Count == 0)
        {
            throw new ArgumentException("no recipients", nameof(envelope));
        }
        foreach (var recipient in envelope.Recipients)
        {
            CheckAddress(recipient, allowEmpty: false);
        }

        var session = await SmtpSession.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            if (_options.Tls == SmtpTlsMode.Implicit)
            {
                await session.StartTlsAsync(_certificates, cancellationToken).ConfigureAwait(false);
            }
            Expect(await session.ReadReplyAsync("greeting", cancellationToken).ConfigureAwait(false), 220, "greeting");
            var capabilities = await HelloAsync(session, cancellationToken).ConfigureAwait(false);
            if (_options.Tls == SmtpTlsMode.StartTls)
            {
                if (!capabilities.StartTls)
                {
                    throw new SmtpDeliveryException($"relay {_options.Endpoint} does not offer STARTTLS (and TLS is required)");
                }
                Expect(await session.CommandAsync("STARTTLS", "STARTTLS", cancellationToken).ConfigureAwait(false), 220, "STARTTLS");
                await session.StartTlsAsync(_certificates, cancellationToken).ConfigureAwait(false);
                // RFC 3207: forget everything learnt before TLS and ask again.
                capabilities = await HelloAsync(session, cancellationToken).ConfigureAwait(false);
            }
            if (_options.Username is not null)
            {
                await AuthenticateAsync(session, capabilities, cancellationToken).ConfigureAwait(false);
            }

            Expect(await session.CommandAsync($"MAIL FROM:<{envelope.From}>", $"MAIL FROM <{envelope.From}>", cancellationToken)
                .ConfigureAwait(false), 250, $"MAIL FROM <{envelope.From}>", refusesMessage: true);
            foreach (var recipient in envelope.Recipients)
            {
                var what = $"RCPT <{recipient}>";
                var reply = await session.CommandAsync($"RCPT TO:<{recipient}>", what, cancellationToken).ConfigureAwait(false);
                if (reply.Code is not (250 or 251))
                {
                    throw Refused(what, reply, refusesMessage: true);
                }
            }
            Expect(await session.CommandAsync("DATA", "DATA", cancellationToken).ConfigureAwait(false), 354, "DATA", refusesMessage: true);
            await session.WriteAsync(DotStuffing.Encode(message.Span), "message data", cancellationToken).ConfigureAwait(false);
            Expect(await session.ReadReplyAsync("end of data", cancellationToken).ConfigureAwait(false), 250, "the message", refusesMessage: true);
            try
            {
                await session.CommandAsync("QUIT", "QUIT", cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpDeliveryException)
            {
                // The relay has the message (250 after DATA); how it says goodbye does not matter.
            }
        }
    }

    private async Task<EhloCapabilities> HelloAsync(SmtpSession session, CancellationToken cancellationToken)
    {
        var name = _options.HeloName ?? Environment.MachineName;
        var reply = await session.CommandAsync($"EHLO {name}", "EHLO", cancellationToken).ConfigureAwait(false);
        Expect(reply, 250, "EHLO");
        return EhloCapabilities.Parse(reply);
    }

    private async Task AuthenticateAsync(SmtpSession session, EhloCapabilities capabilities, CancellationToken cancellationToken)
    {
        if (!session.IsEncrypted && !_options.AllowAuthWithoutTls)
        {
            throw new SmtpDeliveryException(
                $"relay {_options.Endpoint}: refusing to send the password without TLS (set AllowAuthWithoutTls to allow it)");
        }
        var user = _options.Username!;
        var password = _options.Password!;
        if (capabilities.AuthMechanisms.Contains("PLAIN"))
        {
            var token = Base64($"\0{user}\0{password}");
            Expect(await session.CommandAsync($"AUTH PLAIN {token}", "AUTH PLAIN", cancellationToken).ConfigureAwait(false),
                235, $"AUTH PLAIN as {user}");
            return;
        }
        if (capabilities.AuthMechanisms.Contains("LOGIN"))
        {
            Expect(await session.CommandAsync("AUTH LOGIN", "AUTH LOGIN", cancellationToken).ConfigureAwait(false), 334, "AUTH LOGIN");
            Expect(await session.CommandAsync(Base64(user), "AUTH LOGIN", cancellationToken).ConfigureAwait(false), 334, "AUTH LOGIN user");
            Expect(await session.CommandAsync(Base64(password), "AUTH LOGIN", cancellationToken).ConfigureAwait(false),
                235, $"AUTH LOGIN as {user}");
            return;
        }
        var offered = capabilities.AuthMechanisms.Count == 0 ? "none" : string.Join(" ", capabilities.AuthMechanisms);
        throw new SmtpDeliveryException($"relay {_options.Endpoint} offers no AUTH PLAIN or LOGIN (offers: {offered})");
    }

    private void Expect(SmtpReply reply, int code, string what, bool refusesMessage = false)
    {
        if (reply.Code != code)
        {
            throw Refused(what, reply, refusesMessage);
        }
    }

    private SmtpDeliveryException Refused(string what, SmtpReply reply, bool refusesMessage) =>
        new($"relay {_options.Endpoint} refused {what}: {reply}", reply, refusesMessage);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>An address goes between angle brackets on a command line: CR, LF or brackets in it would
    /// inject commands.</summary>
    private static void CheckAddress(string address, bool allowEmpty)
    {
        if ((!allowEmpty && address.Length == 0) || address.AsSpan().IndexOfAny("\r\n<> ") >= 0 || address.Length > 254)
        {
            throw new ArgumentException($"invalid mail address \"{address}\"", nameof(address));
        }
    }
}
