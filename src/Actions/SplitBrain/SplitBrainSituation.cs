namespace Failover.Actions.SplitBrain;

/// <summary>What the planner decides from: the resource, both sides, and whether the peer can be told anything.</summary>
/// <param name="Peer">The peer's side as the peer channel last carried it; null while the channel is down.</param>
/// <param name="PeerNode">The configured peer's name (known even when it is unreachable).</param>
public sealed record SplitBrainSituation(string Resource, SplitBrainSide Local, string PeerNode, SplitBrainSide? Peer, DrbdSyntax Syntax)
{
    /// <summary>The group the resource belongs to: a MASTER victim releases it (failoverctl release GROUP).</summary>
    public string Group { get; init; } = "";

    public bool PeerReachable => Peer is not null;
}
