namespace Failover.Mail.Spool;

/// <summary>A spooled message that did not go out, and the relay's (or our) reason.</summary>
public sealed record SpoolFailure(string Id, string Error);
