namespace Failover.Mail.Spool;

/// <summary>What one delivery pass did: messages delivered, messages given up on (5xx, moved to the
/// dead-letter directory), and the transient failure that ended the pass early, if any.</summary>
public sealed record SpoolPass(
    IReadOnlyList<string> Delivered,
    IReadOnlyList<SpoolFailure> DeadLettered,
    SpoolFailure? Deferred,
    DateTimeOffset? NextAttemptAt);
