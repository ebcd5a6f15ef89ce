using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>A logger factory that keeps every formatted message, to assert what was logged.</summary>
internal sealed class LogLines : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public LogLines() => Factory = new LoggerFactory([this]);

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
                return _lines.ToArray();
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lock)
                owner._lines.Add(formatter(state, exception));
        }
    }
}
