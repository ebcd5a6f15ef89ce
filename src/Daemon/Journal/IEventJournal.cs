namespace Failover.Daemon.Journal;

/// <summary>The daemon's event journal: appended by every part, read by `failoverctl events` and the status page.</summary>
public interface IEventJournal
{
    /// <summary>Appends one event (stamped now); never throws: a write failure is logged and counted.</summary>
    void Append(string kind, string? group, string text, IReadOnlyDictionary<string, string>? fields = null);

    /// <summary>Events after <paramref name="afterSeq"/> and at or after <paramref name="since"/>, of
    /// <paramref name="group"/> when given (node-wide events, Group null, are always included), oldest first, at most <paramref name="max"/>
    /// (the newest ones when there are more).</summary>
    IReadOnlyList<JournalEvent> Read(DateTimeOffset? since = null, string? group = null, long afterSeq = 0, int max = 10_000);

    /// <summary>Raised after each append (on the appending thread): metrics count from it. Handlers must be quick.</summary>
    event Action<JournalEvent>? Appended;
}
