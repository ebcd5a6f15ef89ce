namespace Failover.Control;

/// <summary>A command sent to the daemon; Group is for the verbs that act on one group, Name for `probe`,
/// Discard for `splitbrain-resolve` (the node whose data is discarded); DryRun: show what the command would do
/// and change nothing (`sync --dry-run`, `splitbrain resolve --dry-run`). Since and AfterSeq choose the journal's
/// events for `events` (at or after Since, Seq greater than AfterSeq; Group: that group's and the node-wide ones).</summary>
public sealed record ControlRequest(string Command, string? Group = null, string? Name = null, string? Discard = null, bool DryRun = false,
    DateTimeOffset? Since = null, long AfterSeq = 0);
