namespace Failover.Daemon.Config;

/// <summary>A validated failover.yaml: everything failoverd needs, with defaults applied.</summary>
/// <param name="Interfaces">Link debounce per interface; interfaces not listed react at once.</param>
/// <param name="Peer">The other failoverd of the pair; null: none, this node decides alone.</param>
public sealed record FailoverConfig(
    NodeConfig Node,
    ControlConfig Control,
    string StateDir,
    IReadOnlyList<GroupConfig> Groups,
    IReadOnlyDictionary<string, LinkConfig> Interfaces,
    PeerConfig? Peer = null)
{
    public const string DefaultStateDir = "/var/lib/failover";

    public LinkConfig LinkFor(string interfaceName) => Interfaces.GetValueOrDefault(interfaceName, LinkConfig.Immediate);
}
