namespace Failover.Mail.Smtp;

/// <summary>The relay sent something that is not SMTP (garbage, an overlong line, a reply cut short).</summary>
public sealed class SmtpProtocolException(string message) : Exception(message);
