using Failover.Peer.Session;
using Failover.Peer.Tests.Support;

namespace Failover.Peer.Tests.Session;

public sealed class RecentNoncesTests
{
    [Fact]
    public void Remembers_for_twice_the_window_then_forgets()
    {
        var nonces = new RecentNonces(TimeSpan.FromSeconds(30));
        Assert.True(nonces.TryRemember(Samples.Nonce(1), 0));
        Assert.False(nonces.TryRemember(Samples.Nonce(1), 59_999));
        Assert.True(nonces.TryRemember(Samples.Nonce(1), 60_001));
    }

    [Fact]
    public void Capacity_bounds_memory_by_forgetting_the_oldest()
    {
        var nonces = new RecentNonces(TimeSpan.FromSeconds(30), capacity: 2);
        Assert.True(nonces.TryRemember(Samples.Nonce(1), 0));
        Assert.True(nonces.TryRemember(Samples.Nonce(2), 0));
        Assert.True(nonces.TryRemember(Samples.Nonce(3), 0));
        Assert.False(nonces.TryRemember(Samples.Nonce(3), 0));
        Assert.True(nonces.TryRemember(Samples.Nonce(1), 0));
    }
}
