namespace Failover.Daemon.Config;

/// <summary>A validated failover.yaml: everything failoverd needs, with defaults applied.</summary>
public sealed record FailoverConfig(NodeConfig Node, ControlConfig Control, string StateDir, IReadOnlyList<GroupConfig> Groups)
{
    public const string DefaultStateDir = "/var/lib/failover";
}
