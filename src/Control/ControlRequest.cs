namespace Failover.Control;

/// <summary>A command sent to the daemon; Group is for the verbs that act on one group, Name for `probe`;
/// DryRun true: show what the command would do, change nothing (`sync --dry-run`).</summary>
public sealed record ControlRequest(string Command, string? Group = null, string? Name = null, bool? DryRun = null);
