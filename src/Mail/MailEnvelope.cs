namespace Failover.Mail;

/// <summary>The SMTP envelope: who the bounce goes to and who receives the message.</summary>
public sealed record MailEnvelope(string From, IReadOnlyList<string> Recipients);
