namespace Failover.Mail.Smtp;

/// <summary>
/// A message was not delivered to the relay. <see cref="IsPermanent"/> is true only when the relay said
/// so with a 5xx reply: the spool then stops retrying. Everything else (no connection, timeouts, 4xx,
/// TLS trouble, garbage) is worth another try later.
/// </summary>
public sealed class SmtpDeliveryException : Exception
{
    public SmtpDeliveryException(string message, SmtpReply? reply = null, Exception? inner = null)
        : base(message, inner)
    {
        Reply = reply;
    }

    /// <summary>The relay's refusing reply, when there was one.</summary>
    public SmtpReply? Reply { get; }

    public bool IsPermanent => Reply?.IsPermanentFailure == true;
}
