namespace Failover.Daemon.Config;

/// <summary>A validated failover.yaml: everything failoverd needs, with defaults applied.</summary>
/// <param name="Interfaces">Link debounce per interface; interfaces not listed react at once.</param>
/// <param name="Peer">The other failoverd of the pair; null: none, this node decides alone.</param>
/// <param name="Mail">The relay and recipients of alert mail; null: alerts are only logged.</param>
/// <param name="Ssh">How to run commands on the peer and push files to it; null: no ssh: section.</param>
/// <param name="Http">The metrics and status page endpoint; null: none (the default).</param>
public sealed record FailoverConfig(
    NodeConfig Node,
    ControlConfig Control,
    string StateDir,
    IReadOnlyList<GroupConfig> Groups,
    IReadOnlyDictionary<string, LinkConfig> Interfaces,
    PeerConfig? Peer = null,
    MailConfig? Mail = null,
    Failover.Remote.Ssh.SshSettings? Ssh = null,
    HttpConfig? Http = null)
{
    public const string DefaultStateDir = "/var/lib/failover";

    public LinkConfig LinkFor(string interfaceName) => Interfaces.GetValueOrDefault(interfaceName, LinkConfig.Immediate);
}
