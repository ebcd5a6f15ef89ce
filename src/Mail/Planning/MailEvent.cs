namespace Failover.Mail.Planning;

/// <summary>Something worth a mail. Events with the same <see cref="Kind"/> and <see cref="Subject"/> are
/// one stream for rate limiting ("group samba state change"); <see cref="Text"/> is the full alert body,
/// its first line a one-line summary.</summary>
public sealed record MailEvent(DateTimeOffset At, string Kind, string Subject, string Text);
