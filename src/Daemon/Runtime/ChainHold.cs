namespace Failover.Daemon.Runtime;

/// <summary>A node whose on_master chain failed stays out of the election until <paramref name="Until"/> (or failoverctl clear).</summary>
/// <param name="Reason">The failed chain's summary: which step failed and why.</param>
public sealed record ChainHold(string Reason, DateTimeOffset Until);
