namespace Failover.Daemon.Journal;

/// <summary>What a reader asks for (see <see cref="IEventJournal.Read"/>): pure, so the in-memory and the file paths agree.</summary>
public sealed record JournalQuery(DateTimeOffset? Since, string? Group, long AfterSeq, int Max)
{
    public bool Matches(JournalEvent e) =>
        e.Seq > AfterSeq
        && (Since is not { } since || e.At >= since)
        && (Group is null || e.Group is null || e.Group == Group);

    /// <summary>True when no event before <paramref name="e"/> can match (by seq, or by time: the journal is in time
    /// order), so that older files need not be read.</summary>
    public bool NothingMatchesBefore(JournalEvent e) => e.Seq <= AfterSeq + 1 || Since is { } since && e.At < since;

    /// <summary>The matching events of <paramref name="events"/> (oldest first), the newest <see cref="Max"/> of them.</summary>
    public IReadOnlyList<JournalEvent> Take(IEnumerable<JournalEvent> events)
    {
        var kept = new Queue<JournalEvent>();
        if (Max <= 0)
            return [];
        foreach (var e in events)
        {
            if (!Matches(e))
                continue;
            if (kept.Count == Max)
                kept.Dequeue();
            kept.Enqueue(e);
        }
        return kept.ToArray();
    }
}
