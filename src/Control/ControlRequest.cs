namespace Failover.Control;

/// <summary>A command sent to the daemon; Group is for the verbs that act on one group, Name for `probe`.</summary>
public sealed record ControlRequest(string Command, string? Group = null, string? Name = null);
