using Failover.Daemon.Journal;

namespace Failover.Daemon.Http;

/// <summary>A group's CARP states over a window, cut from the journal's transition events into periods.</summary>
public static class TransitionTimeline
{
    /// <param name="transitions">The group's transition events (fields from, to, reason), in any order; others are ignored.</param>
    /// <param name="current">The state now: the whole window when no transition falls in it.</param>
    /// <returns>Periods covering [<paramref name="from"/>, <paramref name="to"/>] oldest first, one per change: a restart
    /// (INIT -> BACKUP "startup" after BACKUP) starts a period of its own, so the picture shows it.</returns>
    public static IReadOnlyList<TimelineSegment> Segments(IEnumerable<JournalEvent> transitions, string current, DateTimeOffset from, DateTimeOffset to)
    {
        var changes = transitions
            .Where(e => e.Kind == JournalKinds.Transition && e.At >= from && e.At <= to && e.Fields.ContainsKey("to"))
            .OrderBy(e => e.At).ThenBy(e => e.Seq).ToArray();
        var segments = new List<TimelineSegment>();
        var state = changes.Length > 0 ? changes[0].Fields.GetValueOrDefault("from", "INIT") : current;
        string? reason = null;
        var start = from;
        foreach (var change in changes)
        {
            Add(segments, new TimelineSegment(start, change.At, Word(state), reason));
            state = change.Fields["to"];
            reason = change.Fields.GetValueOrDefault("reason");
            start = change.At;
        }
        Add(segments, new TimelineSegment(start, to, Word(state), reason));
        return segments;
    }

    private static void Add(List<TimelineSegment> segments, TimelineSegment next)
    {
        if (next.End > next.Start)
            segments.Add(next);
    }

    private static string Word(string state) => state.ToUpperInvariant();
}
