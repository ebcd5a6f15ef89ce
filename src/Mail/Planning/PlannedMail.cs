namespace Failover.Mail.Planning;

/// <summary>A mail the planner decided to send: one event's alert, or a digest of several.</summary>
public sealed record PlannedMail(string Subject, string Body, IReadOnlyList<MailEvent> Events)
{
    public bool IsDigest => Events.Count > 1;
}
