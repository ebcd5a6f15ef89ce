namespace Failover.Daemon.Config;

/// <summary>Where failoverctl talks to failoverd.</summary>
public sealed record ControlConfig(string Socket)
{
    public const string DefaultSocket = "/run/failover/failoverd.sock";
}
