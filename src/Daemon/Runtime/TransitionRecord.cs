using Failover.Carp;

namespace Failover.Daemon.Runtime;

/// <summary>The last state change of a group, for status.</summary>
public sealed record TransitionRecord(CarpState From, CarpState To, string Reason, DateTimeOffset At);
