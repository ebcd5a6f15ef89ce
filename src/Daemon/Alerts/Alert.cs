namespace Failover.Daemon.Alerts;

/// <summary>One thing the admins are told. <paramref name="Kind"/> and <paramref name="Subject"/> together
/// are the stream the mail planner digests when it flaps.</summary>
public sealed record Alert(string Kind, string Subject, string Body);
