using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Journal;

/// <summary>
/// Journals the daemon's own log lines that <see cref="JournalRoutes"/> names, so that no component needs the journal
/// to be journaled: the [LoggerMessage] parameters become the fields, the formatted message the text.
/// Created before the journal (the journal logs through the same factory), then <see cref="Attach"/>ed to it.
/// </summary>
public sealed class JournalLoggerProvider : ILoggerProvider
{
    private IEventJournal? _journal;

    public JournalLoggerProvider(IEventJournal? journal = null) => _journal = journal;

    public void Attach(IEventJournal journal) => Volatile.Write(ref _journal, journal);

    public ILogger CreateLogger(string categoryName) =>
        JournalRoutes.Covers(categoryName) ? new JournalLogger(this, categoryName) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    internal void Journal(string category, EventId eventId, IReadOnlyList<KeyValuePair<string, object?>>? parameters, string message)
    {
        if (Volatile.Read(ref _journal) is not { } journal || JournalRoutes.For(category, eventId.Id) is not { } route)
            return;
        parameters ??= [];
        var fields = JournalFields.From(parameters);
        if (route.Set is not null)
        {
            foreach (var (name, value) in route.Set)
                fields[name] = value;
        }
        route.Refine?.Invoke(fields);
        var group = JournalFields.GroupOf(parameters);
        journal.Append(route.Kind, group, JournalFields.Text(message, group), fields);
    }

    public void Dispose()
    {
    }
}
