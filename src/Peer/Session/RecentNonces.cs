namespace Failover.Peer.Session;

/// <summary>
/// Hello nonces a responder accepted within the time window. A recorded Hello replayed inside the window is caught
/// here (reason Replay); outside it, the timestamp check catches it (StaleTime). Shared by every inbound connection.
/// </summary>
public sealed class RecentNonces(TimeSpan window, int capacity = 4096)
{
    private readonly Dictionary<string, long> seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Nonce, long At)> order = new();
    private readonly object gate = new();

    /// <summary>False when the nonce was seen already (and not yet forgotten).</summary>
    public bool TryRemember(ReadOnlySpan<byte> nonce, long nowMs)
    {
        var key = Convert.ToHexString(nonce);
        lock (gate)
        {
            // Keep twice the window: a Hello stamped at the window's edge stays acceptable that long by timestamp.
            var horizon = nowMs - 2 * (long)window.TotalMilliseconds;
            while (order.Count > 0 && (order.Peek().At < horizon || order.Count >= capacity))
                seen.Remove(order.Dequeue().Nonce);
            if (!seen.TryAdd(key, nowMs))
                return false;
            order.Enqueue((key, nowMs));
            return true;
        }
    }
}
