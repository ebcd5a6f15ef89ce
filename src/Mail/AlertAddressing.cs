namespace Failover.Mail;

/// <summary>Who alert mail comes from and goes to; <see cref="MessageIdDomain"/> is usually the node's
/// FQDN; <see cref="SubjectPrefix"/> lets mail filters find alerts.</summary>
public sealed record AlertAddressing(string From, IReadOnlyList<string> To, string MessageIdDomain, string SubjectPrefix = "[failover] ");
