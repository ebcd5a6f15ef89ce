namespace Failover.Control;

/// <summary>A command sent to the daemon; Group is for the verbs that act on one group.</summary>
public sealed record ControlRequest(string Command, string? Group = null);
