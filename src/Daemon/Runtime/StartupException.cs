namespace Failover.Daemon.Runtime;

/// <summary>A group cannot start (no such interface, no permission for raw sockets…): a clear message, exit 1.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
