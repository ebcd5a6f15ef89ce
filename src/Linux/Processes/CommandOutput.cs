namespace Failover.Monitors.Processes;

/// <summary>How a <see cref="BoundedCommand"/> run ended: exited with its (capped) output, or killed at the deadline.</summary>
internal sealed record CommandOutput(bool TimedOut, int ExitCode, byte[] Stdout, byte[] Stderr);
