using Failover.Rules.Facts;

namespace Failover.Daemon.Runtime;

/// <summary>What the rules of every group exchange with the peer: their facts out, the peer's in.</summary>
public interface IPeerChannel
{
    /// <summary>The peer's view changed (reachability or its facts). Raised on the channel's task: a handler must only take note.</summary>
    event Action? Changed;

    /// <summary>The peer's node name (<c>peer: node</c>).</summary>
    string Node { get; }

    /// <summary>The peer's facts for <paramref name="group"/> while it is reachable (<see cref="PeerFacts.For"/>).</summary>
    (bool Reachable, GroupFacts? Peer) For(string group);

    /// <summary>This node's latest facts for one group; the channel sends all groups' at once. Never blocks.</summary>
    void Publish(GroupFacts facts);
}
