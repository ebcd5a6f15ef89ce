using Failover.Peer.Wire;

namespace Failover.Peer.Transport;

/// <summary>Rejected frames and handshakes by reason; safe to bump from any connection's task.</summary>
public sealed class PeerRejectCounters
{
    private readonly long[] counts = new long[Enum.GetValues<PeerRejectReason>().Length];

    public void Count(PeerRejectReason reason) => Interlocked.Increment(ref counts[(int)reason]);

    public long this[PeerRejectReason reason] => Interlocked.Read(ref counts[(int)reason]);

    /// <summary>Every reason with a non-zero count.</summary>
    public IReadOnlyDictionary<PeerRejectReason, long> Snapshot() =>
        Enum.GetValues<PeerRejectReason>().Where(r => this[r] > 0).ToDictionary(r => r, r => this[r]);
}
