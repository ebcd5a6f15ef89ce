namespace Failover.Linux.Processes;

/// <summary>How a <see cref="BoundedCommand"/> run ended: exited with its (capped) output, or killed at the deadline.</summary>
public sealed record CommandOutput(bool TimedOut, int ExitCode, byte[] Stdout, byte[] Stderr);
