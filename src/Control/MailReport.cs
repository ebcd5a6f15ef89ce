namespace Failover.Control;

/// <summary>The alert mail spool: messages waiting, messages given up on (dead/), and the last delivery
/// error (cleared by the next delivery).</summary>
public sealed record MailReport(
    string Relay,
    int Spooled,
    int DeadLetters,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? NextAttempt);
