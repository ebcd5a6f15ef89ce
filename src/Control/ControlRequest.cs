namespace Failover.Control;

/// <summary>A command sent to the daemon; Group is for the verbs that act on one group, Name for `probe`,
/// Discard and DryRun for `splitbrain-resolve` (the node whose data is discarded; print the plan only).</summary>
public sealed record ControlRequest(string Command, string? Group = null, string? Name = null, string? Discard = null, bool DryRun = false);
