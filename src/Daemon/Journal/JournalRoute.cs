namespace Failover.Daemon.Journal;

/// <summary>
/// How one logged event becomes a journal event: its kind, fields fixed by the event itself (a mail "queued"), and
/// an optional refinement of the fields taken from the log template's parameters (see <see cref="JournalFields"/>).
/// </summary>
public sealed record JournalRoute(string Kind, IReadOnlyDictionary<string, string>? Set = null,
    Action<Dictionary<string, string>>? Refine = null)
{
    public static JournalRoute Of(string kind, params (string Name, string Value)[] set) =>
        new(kind, set.Length == 0 ? null : set.ToDictionary(s => s.Name, s => s.Value));
}
