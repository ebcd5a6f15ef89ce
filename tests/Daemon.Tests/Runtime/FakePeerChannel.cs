using Failover.Daemon.Runtime;
using Failover.Rules.Facts;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>A peer the test sets (unreachable until told otherwise); keeps what the rules published.</summary>
internal sealed class FakePeerChannel : IPeerChannel
{
    private readonly Lock _lock = new();
    private (bool Reachable, GroupFacts? Peer) _peer = (false, null);
    private readonly List<GroupFacts> _published = [];

    public event Action? Changed;

    public string Node => "n2";

    public IReadOnlyList<GroupFacts> Published
    {
        get { lock (_lock) return [.. _published]; }
    }

    public (bool Reachable, GroupFacts? Peer) For(string group)
    {
        lock (_lock)
            return _peer.Peer is { } facts && facts.Group != group ? (_peer.Reachable, null) : _peer;
    }

    public void Publish(GroupFacts facts)
    {
        lock (_lock)
            _published.Add(facts);
    }

    public void Set(bool reachable, GroupFacts? peer)
    {
        lock (_lock)
            _peer = (reachable, peer);
        Changed?.Invoke();
    }
}
