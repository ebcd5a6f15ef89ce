using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Journal;

/// <summary>One category's logger for <see cref="JournalLoggerProvider"/>; journaling never throws into the caller.</summary>
internal sealed class JournalLogger(JournalLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (JournalRoutes.For(category, eventId.Id) is null)
            return;
        try
        {
            provider.Journal(category, eventId, state as IReadOnlyList<KeyValuePair<string, object?>>, formatter(state, exception));
        }
        catch (Exception)
        {
            // The journal is a record of the log, not a reason for a group to fail: a bad template value is dropped.
        }
    }
}
