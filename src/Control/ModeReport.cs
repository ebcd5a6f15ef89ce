namespace Failover.Control;

/// <summary>A mode or preference in force: who set it (user, uid, pid of failoverctl; or failoverd itself) and when.</summary>
public sealed record ModeReport(string SetBy, DateTimeOffset At);
