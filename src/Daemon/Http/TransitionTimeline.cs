using Failover.Daemon.Journal;

namespace Failover.Daemon.Http;

/// <summary>A group's CARP states over a window, cut from the journal's transition events into periods.</summary>
public static class TransitionTimeline
{
    /// <summary>The state of a period in which failoverd did not run: after a "shutdown" change, before the next start.</summary>
    public const string Stopped = "STOPPED";

    /// <param name="transitions">The group's transition events (fields from, to, reason), in any order; others are ignored.</param>
    /// <param name="current">The state now: the whole window when no transition falls in it.</param>
    /// <returns>
    /// Periods oldest first, one per change: a restart (INIT -> BACKUP "startup" after BACKUP) starts a period of its
    /// own, so the picture shows it. Nothing is known before a window's first change when it is a start (from INIT):
    /// the periods then begin there, not at <paramref name="from"/>. A master's "shutdown" leads to a
    /// <see cref="Stopped"/> period.
    /// </returns>
    public static IReadOnlyList<TimelineSegment> Segments(IEnumerable<JournalEvent> transitions, string current, DateTimeOffset from, DateTimeOffset to)
    {
        var changes = transitions
            .Where(e => e.Kind == JournalKinds.Transition && e.At >= from && e.At <= to && e.Fields.ContainsKey("to"))
            .OrderBy(e => e.At).ThenBy(e => e.Seq).ToArray();
        var segments = new List<TimelineSegment>();
        var state = changes.Length > 0 ? Word(changes[0].Fields.GetValueOrDefault("from", "INIT")) : Word(current);
        string? reason = null;
        var start = from;
        foreach (var change in changes)
        {
            if (!(segments.Count == 0 && start == from && state == "INIT"))
                Add(segments, new TimelineSegment(start, change.At, state, reason));
            reason = change.Fields.GetValueOrDefault("reason");
            state = reason == "shutdown" ? Stopped : Word(change.Fields["to"]);
            start = change.At;
        }
        Add(segments, new TimelineSegment(start, to, state, reason));
        return segments;
    }

    private static void Add(List<TimelineSegment> segments, TimelineSegment next)
    {
        if (next.End > next.Start)
            segments.Add(next);
    }

    private static string Word(string state) => state.ToUpperInvariant();
}
