namespace Failover.Daemon.Config;

/// <summary>This node; <see cref="Name"/> defaults to the host name.</summary>
public sealed record NodeConfig(string Name);
