namespace Failover.Peer.Tests.Support;

/// <summary>The system clock, off by a fixed amount: a peer whose NTP is broken.</summary>
internal sealed class SkewedClock(TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + skew;
}
