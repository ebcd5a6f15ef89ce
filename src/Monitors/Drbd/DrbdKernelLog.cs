namespace Failover.Monitors.Drbd;

/// <summary>
/// Follows a kernel log (normally /dev/kmsg; a file or FIFO of kernel log lines works too) on its own thread and
/// flags the minor of every unresolved split brain it reports (<see cref="DrbdKernelLogMatcher"/>).
/// </summary>
/// <remarks>
/// /dev/kmsg is read from the oldest record the kernel still holds, so a split brain logged before failoverd started
/// is seen; a flag for a minor that has reconnected since is cleared by the next run. A file is followed like
/// <c>tail -f</c>; opening a FIFO waits for its writer. A read error (EPIPE when /dev/kmsg overwrote records not yet
/// read) is reported and reading goes on; a file that cannot be opened is retried every 5 s.
/// Dispose stops the reader at its next wake-up: within 200 ms for a file, at the next kernel message for /dev/kmsg,
/// whose read cannot be interrupted (the thread is a background thread and holds nothing else).
/// </remarks>
internal sealed class DrbdKernelLog : IDisposable
{
    private const int MaxLineBytes = 16 * 1024; // a /dev/kmsg read needs room for a whole record (8 KiB at most)
    private static readonly TimeSpan FollowDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly string _path;
    private readonly DrbdSplitBrainFlags _flags;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Thread? _thread;
    private volatile string? _problem;
    private long _linesRead;

    public DrbdKernelLog(string path, DrbdSplitBrainFlags flags)
    {
        _path = path;
        _flags = flags;
    }

    /// <summary>A split brain was flagged; raised on the reader's thread.</summary>
    public event Action? SplitBrainSeen;

    /// <summary>Why the log is not being read right now, or null.</summary>
    public string? Problem => _problem;

    /// <summary>Lines read so far.</summary>
    public long LinesRead => Interlocked.Read(ref _linesRead);

    public void Start()
    {
        lock (_lock)
        {
            if (_thread is not null || _stop.IsCancellationRequested) return;
            _thread = new Thread(Follow) { IsBackground = true, Name = "drbd kernel log" };
            _thread.Start();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stop.Cancel();
        }
    }

    private void Follow()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            FileStream log;
            try
            {
                log = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _problem = $"cannot open {_path}: {e.Message}";
                stop.WaitHandle.WaitOne(RetryDelay);
                continue;
            }
            using (log)
            {
                Read(log, stop);
            }
        }
    }

    private void Read(FileStream log, CancellationToken stop)
    {
        var splitter = new Processes.BoundedLineSplitter(MaxLineBytes);
        var buffer = new byte[MaxLineBytes];
        var lines = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            int read;
            try
            {
                read = log.Read(buffer);
                _problem = null;
            }
            catch (IOException e)
            {
                _problem = $"reading {_path}: {e.Message}";
                stop.WaitHandle.WaitOne(FollowDelay);
                continue;
            }
            if (read == 0)
            {
                stop.WaitHandle.WaitOne(FollowDelay); // the end of a file, or a FIFO without writer: wait for more
                continue;
            }
            splitter.Feed(buffer.AsSpan(0, read), lines);
            Interlocked.Add(ref _linesRead, lines.Count);
            var seen = false;
            foreach (var line in lines)
            {
                if (DrbdKernelLogMatcher.TryMatch(line, out var message) && message.Minor is { } minor)
                {
                    _flags.Flag(minor);
                    seen = true;
                }
            }
            lines.Clear();
            if (seen) SplitBrainSeen?.Invoke();
        }
    }
}
