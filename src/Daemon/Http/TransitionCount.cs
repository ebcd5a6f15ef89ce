namespace Failover.Daemon.Http;

/// <summary>How many times <paramref name="Group"/> entered <paramref name="To"/> for a <see cref="TransitionCause"/>.</summary>
public sealed record TransitionCount(string Group, string To, string Cause, long Count);
