namespace Failover.Monitors.Drbd;

/// <summary>How one run of the events2 command ended: exited (with its stdout and stderr's first line) or was
/// killed at the deadline.</summary>
internal sealed record DrbdCommandOutput(bool TimedOut, int ExitCode, string Stdout, string StderrFirstLine);
