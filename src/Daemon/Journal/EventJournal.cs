using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Journal;

/// <summary>
/// The event journal in state_dir/events.jsonl (<see cref="JournalLine"/>). Each event is one write(2) of one whole
/// line, so a crash of the daemon loses nothing already appended; a line torn by a crash of the machine (or a full
/// disk) is skipped by readers, and the first append after it starts on a fresh line. Appends are direct, under a
/// lock: a few microseconds, cheap enough for callers holding their own locks (a group's transition), and never
/// reordered. Seq continues from the journal's last event after a restart.
/// </summary>
public sealed partial class EventJournal : IEventJournal, IDisposable
{
    private const UnixFileMode FileMode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private readonly JournalFiles _files;
    private readonly JournalLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly Lock _lock = new();
    private readonly Queue<JournalEvent> _recent = new();
    private FileStream? _file;
    private long _length;
    private long _lastSeq;
    private bool _recentIsAll;
    private bool _startOnFreshLine;
    private bool _failing;
    private long _writeFailures;
    private bool _disposed;

    private EventJournal(JournalFiles files, JournalLimits limits, TimeProvider time, ILogger? logger)
    {
        _files = files;
        _limits = limits;
        _time = time;
        _logger = logger;
    }

    public event Action<JournalEvent>? Appended;

    /// <summary>Appends that did not reach the file (the event is still in memory and in <see cref="Read"/>).</summary>
    public long WriteFailures
    {
        get { lock (_lock) return _writeFailures; }
    }

    /// <summary>The seq of the last event appended (or found at open); 0 for a new journal.</summary>
    public long LastSeq
    {
        get { lock (_lock) return _lastSeq; }
    }

    /// <summary>events.jsonl, where the next event goes.</summary>
    public string CurrentFile => _files.Current;

    /// <summary>Opens (or creates, mode 0640) the journal in <paramref name="stateDir"/>; a journal it cannot open
    /// still works in memory (and says so in the log) rather than stopping the daemon.</summary>
    public static EventJournal Open(string stateDir, TimeProvider time, ILogger? logger = null, JournalLimits? limits = null)
    {
        try
        {
            Directory.CreateDirectory(stateDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Opening the file says why, once.
        }
        var journal = new EventJournal(new JournalFiles(stateDir, (limits ?? JournalLimits.Default).RotatedFiles),
            limits ?? JournalLimits.Default, time, logger);
        journal.Recover();
        return journal;
    }

    /// <summary>Finds the last seq and the recent events, and makes sure the next line starts on a line of its own.</summary>
    private void Recover()
    {
        // The current file's end; when it holds no event yet (just rotated, or only a torn line) events.jsonl.1's.
        List<JournalEvent> tail = [];
        var older = false;
        for (int number = 0; number <= Math.Min(1, _files.RotatedFiles) && tail.Count == 0; number++)
        {
            using var file = JournalFileReader.OpenOrNull(number == 0 ? _files.Current : _files.Rotated(number));
            if (file is null)
                continue;
            tail = JournalFileReader.Tail(file);
            older = file.Length > JournalFileReader.TailBytes || File.Exists(_files.Rotated(number + 1));
        }
        foreach (var e in tail.TakeLast(_limits.RecentEvents))
            _recent.Enqueue(e);
        _recentIsAll = !older && tail.Count <= _limits.RecentEvents;
        _lastSeq = tail.Count > 0 ? tail[^1].Seq : 0;
        OpenFile();
    }

    private void OpenFile()
    {
        try
        {
            _file = new FileStream(_files.Current, new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0, // one write(2) per line: nothing waits in a buffer for a crash to lose
                UnixCreateMode = FileMode0640,
            });
            _length = _file.Length;
            _startOnFreshLine = _length > 0 && LastByte(_files.Current) != (byte)'\n';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _file = null;
            WriteFailed(e.Message);
        }
    }

    private static int LastByte(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length == 0)
            return -1;
        file.Position = file.Length - 1;
        return file.ReadByte();
    }

    public void Append(string kind, string? group, string text, IReadOnlyDictionary<string, string>? fields = null)
    {
        JournalEvent appended;
        lock (_lock)
        {
            if (_disposed)
                return;
            appended = new JournalEvent(++_lastSeq, JournalLine.Truncate(_time.GetUtcNow()), kind, group, text,
                fields is null ? Empty : new Dictionary<string, string>(fields));
            Remember(appended);
            Write(appended);
        }
        try
        {
            Appended?.Invoke(appended);
        }
        catch (Exception e)
        {
            // A subscriber's bug must not reach whoever appended (a group under its lock).
            if (_logger is not null)
                HandlerFailed(_logger, e.Message);
        }
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private void Remember(JournalEvent e)
    {
        _recent.Enqueue(e);
        if (_recent.Count > _limits.RecentEvents)
        {
            _recent.Dequeue();
            _recentIsAll = false;
        }
    }

    private void Write(JournalEvent e)
    {
        byte[] line;
        try
        {
            line = JournalLine.Format(e);
        }
        catch (ArgumentException ex)
        {
            // Text that is not valid UTF-16 (a lone surrogate): kept in memory, never a reason to throw.
            _writeFailures++;
            WriteFailed(ex.Message);
            return;
        }
        try
        {
            if (_file is null)
                OpenFile();
            if (_file is null)
            {
                _writeFailures++;
                return;
            }
            if (_length > 0 && _length + line.Length > _limits.MaxFileBytes)
                Rotate();
            if (_startOnFreshLine)
            {
                _file!.Write("\n"u8);
                _length++;
                _startOnFreshLine = false;
            }
            _file!.Write(line);
            _length += line.Length;
            if (_failing)
            {
                _failing = false;
                if (_logger is not null)
                    WritingAgain(_logger, _files.Current);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _writeFailures++;
            // Part of the line may have reached the file: the next one must not be glued to it.
            _startOnFreshLine = true;
            WriteFailed(ex.Message);
        }
    }

    /// <summary>events.jsonl → .1 → .2 …; the oldest beyond the limit is deleted. A failure keeps writing to the current file.</summary>
    private void Rotate()
    {
        _file!.Dispose();
        _file = null;
        try
        {
            if (_files.RotatedFiles == 0)
            {
                File.Delete(_files.Current);
            }
            else
            {
                File.Delete(_files.Rotated(_files.RotatedFiles));
                for (int i = _files.RotatedFiles - 1; i >= 1; i--)
                {
                    if (File.Exists(_files.Rotated(i)))
                        File.Move(_files.Rotated(i), _files.Rotated(i + 1));
                }
                File.Move(_files.Current, _files.Rotated(1));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteFailed($"cannot rotate: {e.Message}");
        }
        OpenFile();
    }

    private void WriteFailed(string error)
    {
        // Logged once per outage, not once per event: a full disk would otherwise log every event twice.
        if (_failing)
            return;
        _failing = true;
        if (_logger is not null)
            CannotWrite(_logger, _files.Current, error);
    }

    /// <summary>Closes the file; later appends are dropped (the daemon is gone by then).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _file?.Dispose();
            _file = null;
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "event journal {Path}: cannot write: {Error} (events are kept in memory only)")]
    private static partial void CannotWrite(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "event journal {Path}: writing again")]
    private static partial void WritingAgain(ILogger logger, string path);

    [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "event journal: a subscriber failed: {Error}")]
    private static partial void HandlerFailed(ILogger logger, string error);
}
