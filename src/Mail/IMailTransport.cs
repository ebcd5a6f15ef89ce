namespace Failover.Mail;

/// <summary>Hands one rendered message to a relay. Throws <see cref="Smtp.SmtpDeliveryException"/>
/// (permanent or not) when it could not.</summary>
public interface IMailTransport
{
    Task SendAsync(MailEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
