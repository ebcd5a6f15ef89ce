namespace Failover.Mail.Smtp;

/// <summary>
/// A message was not delivered to the relay. <see cref="IsPermanent"/> is true only when the relay
/// refused this message (5xx to MAIL FROM, RCPT or its data): the spool then stops retrying it.
/// Everything else is worth another try later: no connection, timeouts, 4xx, TLS trouble, garbage, and
/// also a 5xx to EHLO, STARTTLS or AUTH, which is the relay's or our configuration's fault, not the
/// message's (a wrong password must not throw away every alert queued until it is fixed).
/// </summary>
public sealed class SmtpDeliveryException : Exception
{
    public SmtpDeliveryException(string message, SmtpReply? reply = null, bool refusesMessage = false, Exception? inner = null)
        : base(message, inner)
    {
        Reply = reply;
        IsPermanent = refusesMessage && reply?.IsPermanentFailure == true;
    }

    /// <summary>The relay's refusing reply, when there was one.</summary>
    public SmtpReply? Reply { get; }

    public bool IsPermanent { get; }
}
