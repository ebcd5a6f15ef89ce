namespace Failover.Mail.Smtp;

public enum SmtpTlsMode
{
    /// <summary>STARTTLS after EHLO; a relay that does not offer it is an error (no silent downgrade).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465, "submissions").</summary>
    Implicit,

    /// <summary>Plain text. Only for a relay on a trusted segment; AUTH is then refused unless
    /// <see cref="SmtpRelayOptions.AllowAuthWithoutTls"/> is set.</summary>
    None,
}
