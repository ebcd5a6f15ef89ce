using Failover.Daemon.Journal;

namespace Failover.Daemon.Tests.Http;

/// <summary>An in-memory <see cref="IEventJournal"/> with a settable clock: Append stamps events at <see cref="Now"/>.</summary>
internal sealed class FakeJournal : IEventJournal
{
    private readonly List<JournalEvent> _events = [];

    public DateTimeOffset Now { get; set; } = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public event Action<JournalEvent>? Appended;

    public int Subscribers => Appended?.GetInvocationList().Length ?? 0;

    public void Append(string kind, string? group, string text, IReadOnlyDictionary<string, string>? fields = null)
    {
        var e = new JournalEvent(_events.Count + 1, Now, kind, group, text, fields ?? new Dictionary<string, string>());
        _events.Add(e);
        Appended?.Invoke(e);
    }

    public void Transition(string group, string from, string to, string reason, DateTimeOffset at)
    {
        Now = at;
        Append(JournalKinds.Transition, group, $"{from} -> {to} ({reason})",
            new Dictionary<string, string> { ["from"] = from, ["to"] = to, ["reason"] = reason });
    }

    public IReadOnlyList<JournalEvent> Read(DateTimeOffset? since = null, string? group = null, long afterSeq = 0, int max = 10_000) =>
        _events.Where(e => e.Seq > afterSeq && (since is null || e.At >= since) && (group is null || e.Group is null || e.Group == group))
            .TakeLast(max).ToArray();
}
