namespace Failover.Monitors.Drbd;

/// <summary>
/// The minors whose split brain the kernel log reported, kept until /proc/drbd shows them connected again, for
/// /proc/drbd has no field for it. Thread-safe: the log's reader flags, the probe's runs apply.
/// </summary>
internal sealed class DrbdSplitBrainFlags
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, long> _flagged = [];
    private long _ticket;

    /// <summary>Take it before reading the states that <see cref="Apply"/> will judge.</summary>
    public long Ticket
    {
        get
        {
            lock (_lock)
            {
                return _ticket;
            }
        }
    }

    public void Flag(int minor)
    {
        lock (_lock)
        {
            _flagged[minor] = ++_ticket;
        }
    }

    /// <summary>
    /// Clears the flag of every minor the states show connected again (Connected, or resyncing: the handshake that
    /// found the split brain has passed) unless it was set after <paramref name="ticket"/>, since states read before
    /// the message must not clear it; returns the states with <see cref="DrbdResourceState.SplitBrain"/> set on
    /// the minors still flagged.
    /// </summary>
    public IReadOnlyList<DrbdResourceState> Apply(IReadOnlyList<DrbdResourceState> states, long ticket)
    {
        lock (_lock)
        {
            if (_flagged.Count == 0) return states;
            foreach (var state in states)
            {
                if (state.Minor is { } minor && _flagged.TryGetValue(minor, out var at) && at <= ticket
                    && state.Connection is DrbdConnectionKind.Connected or DrbdConnectionKind.Syncing)
                    _flagged.Remove(minor);
            }
            return states.Select(s => s.Minor is { } m && _flagged.ContainsKey(m) ? s with { SplitBrain = true } : s).ToList();
        }
    }
}
