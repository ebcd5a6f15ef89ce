using Failover.Carp.Protocol;

namespace Failover.Daemon.Runtime;

/// <summary>Per-group packet counters, updated from the receive loop and read by status.</summary>
public sealed class AdvertCounters
{
    private long _sent;
    private long _sendErrors;
    private long _received;
    private readonly long[] _rejected = new long[Enum.GetValues<CarpRejectReason>().Length];

    public long Sent => Interlocked.Read(ref _sent);
    public long SendErrors => Interlocked.Read(ref _sendErrors);
    public long Received => Interlocked.Read(ref _received);

    public void CountSent() => Interlocked.Increment(ref _sent);
    public void CountSendError() => Interlocked.Increment(ref _sendErrors);
    public void CountReceived() => Interlocked.Increment(ref _received);
    public long CountRejected(CarpRejectReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    /// <summary>Rejections by reason, zero counts left out; OwnPacket is not a rejection an admin cares about.</summary>
    public IReadOnlyDictionary<string, long> Rejected()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in Enum.GetValues<CarpRejectReason>())
        {
            long count = Interlocked.Read(ref _rejected[(int)reason]);
            if (count > 0 && reason != CarpRejectReason.OwnPacket)
                counts[RejectReasonText.Key(reason)] = count;
        }
        return counts;
    }
}
