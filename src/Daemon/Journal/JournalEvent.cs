namespace Failover.Daemon.Journal;

/// <summary>
/// One line of the event journal (state_dir/events.jsonl): what happened, when, to which group.
/// Seq grows by one per event over the daemon's life and across restarts (it continues from the journal's
/// last line), so a follower asks for "everything after Seq N". Fields are the event's details as text,
/// with the names listed in <see cref="JournalKinds"/> (e.g. a transition's from, to and reason).
/// </summary>
public sealed record JournalEvent(long Seq, DateTimeOffset At, string Kind, string? Group, string Text,
    IReadOnlyDictionary<string, string> Fields);
