using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Failover.Mail.Message;

namespace Failover.Mail.Smtp;

/// <summary>
/// Hands one spooled message to the relay with MailKit's SMTP client (every SASL mechanism, PIPELINING,
/// 8BITMIME, SMTPUTF8), under our own policy: TLS as configured and never silently dropped, the relay's
/// certificate judged by <see cref="ServerCertificateCheck"/> (CA file, pin), no password without TLS unless
/// allowed, and every failure told as which relay refused which step with what reply, permanent only when the
/// relay refused this message (5xx to MAIL FROM, RCPT or the data). One connection per message: alert mail is
/// rare, and a fresh session cannot inherit a broken state.
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
        var sender = envelope.From.Length == 0 ? new MailboxAddress("", "") : MessageRenderer.Mailbox(envelope.From);
        if (envelope.Recipients.Count == 0)
        {
            throw new ArgumentException("no recipients", nameof(envelope));
        }
        var recipients = envelope.Recipients.Select(MessageRenderer.Mailbox).ToList();
        MimeMessage mime;
        try
        {
            mime = await MimeMessage.LoadAsync(new MemoryStream(message.ToArray(), writable: false), cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"the spooled message is not RFC 5322: {e.Message}", nameof(message), e);
        }

        var dialogue = new SmtpDialogue();
        using var client = new SmtpClient(dialogue)
        {
            LocalDomain = _options.HeloName ?? Environment.MachineName,
            Timeout = (int)_options.Timeout.TotalMilliseconds,
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, certificate, chain, errors) => _certificates.Validate(certificate, chain, errors),
        };
        try
        {
            var socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            // The socket is ours (our deadline, our error); the name is the one the certificate must carry.
            await client.ConnectAsync(socket, _options.TlsServerName ?? _options.Host, _options.Port, SecureOptions(), cancellationToken)
                .ConfigureAwait(false);
            if (_options.Username is not null)
            {
                await AuthenticateAsync(client, cancellationToken).ConfigureAwait(false);
            }
            await client.SendAsync(MessageRenderer.Wire, mime, sender, recipients, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            throw Refused(e, dialogue.Step);
        }
        catch (Exception e) when (e is not SmtpDeliveryException && !cancellationToken.IsCancellationRequested
                                  && Failure(e, dialogue.Step) is { } failure)
        {
            throw failure;
        }
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpCommandException or SmtpProtocolException or TimeoutException)
        {
            // The relay has the message (250 after the data); how it says goodbye does not matter.
        }
    }

    private SecureSocketOptions SecureOptions() => _options.Tls switch
    {
        SmtpTlsMode.Implicit => SecureSocketOptions.SslOnConnect,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.Timeout);
            await socket.ConnectAsync(_options.Host, _options.Port, deadline.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            var why = e is SocketException s ? s.Message : $"no answer within {Seconds}";
            throw new SmtpDeliveryException($"relay {_options.Endpoint}: cannot connect: {why}", inner: e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task AuthenticateAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        if (!client.IsSecure && !_options.AllowAuthWithoutTls)
        {
            throw new SmtpDeliveryException(
                $"relay {_options.Endpoint}: refusing to send the password without TLS (set AllowAuthWithoutTls to allow it)");
        }
        // One mechanism, the strongest both sides have: a wrong password then costs one failed login on the relay,
        // not one per mechanism (MailKit tries each in turn), and the error names what was tried.
        var mechanism = Preference.FirstOrDefault(m => client.AuthenticationMechanisms.Contains(m) && SaslMechanism.IsSupported(m));
        if (mechanism is null)
        {
            var offered = client.AuthenticationMechanisms.Count == 0 ? "none" : string.Join(" ", client.AuthenticationMechanisms);
            throw new SmtpDeliveryException($"relay {_options.Endpoint} offers no AUTH mechanism we can use with a password (offers: {offered})");
        }
        try
        {
            var sasl = SaslMechanism.Create(mechanism, new System.Net.NetworkCredential(_options.Username, _options.Password))
                ?? throw new InvalidOperationException($"MailKit has no {mechanism}");
            await client.AuthenticateAsync(sasl, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            throw new SmtpDeliveryException($"relay {_options.Endpoint} refused AUTH {mechanism} as {_options.Username}: {AsReply(e.Message)}", inner: e);
        }
    }

    /// <summary>Password mechanisms, strongest first (SCRAM and CRAM-MD5 never send the password itself).</summary>
    private static readonly string[] Preference =
        ["SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN"];

    private SmtpDeliveryException Refused(SmtpCommandException e, string step)
    {
        var reply = new SmtpReply((int)e.StatusCode, e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var (what, refusesMessage) = e.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted => ($"MAIL FROM <{e.Mailbox?.Address}>", true),
            SmtpErrorCode.RecipientNotAccepted => ($"RCPT <{e.Mailbox?.Address}>", true),
            SmtpErrorCode.MessageNotAccepted => (SmtpDialogue.MessageStep, true),
            // MailKit calls a refused DATA (or BDAT chunk) an unexpected status code: it is this message refused.
            SmtpErrorCode.UnexpectedStatusCode when step is "DATA" or SmtpDialogue.MessageStep => (step, true),
            _ => (step, false),
        };
        return new SmtpDeliveryException($"relay {_options.Endpoint} refused {what}: {reply}", reply, refusesMessage, e);
    }

    /// <summary>Everything but a refusal: worth another try later (the spool retries).</summary>
    private SmtpDeliveryException? Failure(Exception e, string step)
    {
        var why = e switch
        {
            SslHandshakeException => $"TLS handshake failed: {_certificates.LastRefusal ?? Inner(e)}",
            NotSupportedException when _options.Tls == SmtpTlsMode.StartTls && e.Message.Contains("STARTTLS", StringComparison.Ordinal)
                => null,
            SmtpProtocolException => $"{step}: {e.Message}",
            TimeoutException or OperationCanceledException => $"{step}: no reply within {Seconds}",
            IOException or SocketException => $"{step}: connection lost: {e.Message}",
            ServiceNotConnectedException => $"{step}: connection closed",
            NotSupportedException => $"{step}: {e.Message}",
            _ => "",
        };
        return why switch
        {
            null => new SmtpDeliveryException($"relay {_options.Endpoint} does not offer STARTTLS (and TLS is required)", inner: e),
            "" => null,
            _ => new SmtpDeliveryException($"relay {_options.Endpoint}: {why}", inner: e),
        };
    }

    /// <summary>MailKit words a refused AUTH "535: text"; the relay wrote "535 text".</summary>
    private static string AsReply(string message) =>
        message.Length > 5 && char.IsAsciiDigit(message[0]) && message[3] == ':' && message[4] == ' ' ? message.Remove(3, 1) : message;

    private static string Inner(Exception e) => e.InnerException?.Message ?? e.Message;

    private string Seconds => $"{_options.Timeout.TotalSeconds:0.#} s";
}
