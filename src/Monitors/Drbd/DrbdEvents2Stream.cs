using System.ComponentModel;
using System.Diagnostics;
using Failover.Monitors.Health;
using Failover.Linux.Processes;
using Failover.Monitors.Processes;

namespace Failover.Monitors.Drbd;

/// <summary>
/// One long-running <c>drbdsetup events2 all</c> whose lines keep a <see cref="DrbdEvents2Model"/> current. When
/// the program exits it is restarted after a <see cref="RestartBackoff"/> delay with a fresh model: until the new
/// process ends its initial dump (<c>exists -</c>) the state is unknown, never the last one seen.
/// </summary>
/// <remarks>
/// Memory is bounded: lines over 16 KiB are dropped (events2 lines are a few hundred bytes), a stream naming more
/// than 4096 resources is taken for broken and restarted, and of stderr only the last line is kept (the reason an
/// exit gives). A drbdsetup that ends no dump within the dump timeout is killed and restarted. One that hangs after
/// its dump cannot be told from a quiet DRBD: events2 has no heartbeat.
/// Thread-safe. <see cref="Changed"/> is raised on the reader's thread, outside the lock.
/// </remarks>
internal sealed class DrbdEvents2Stream : IAsyncDisposable
{
    private const int MaxLineBytes = 16 * 1024;
    private const int MaxResources = 4096;
    private const int MaxMessageChars = 200;
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    /// <summary>After stdout closes, how long the program may take to exit, and then how long a grandchild that
    /// escaped the kill may hold stderr before its last line is given up.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<string> _argv;
    private readonly TimeSpan _dumpTimeout;
    private readonly RestartBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task? _loop;
    private DrbdEvents2Model _model = new();
    private DrbdStreamPhase _phase = DrbdStreamPhase.AwaitingDump;
    private string _problem = "";
    private long _startedAt;
    private int _generation;
    private string? _killedBecause;
    private TaskCompletionSource _settled = NewSettled();
    private bool _disposed;

    public DrbdEvents2Stream(IReadOnlyList<string> argv, TimeSpan dumpTimeout, TimeSpan restartDelay, TimeProvider time)
    {
        _argv = argv;
        _dumpTimeout = dumpTimeout;
        _backoff = new RestartBackoff(restartDelay, MaxRestartDelay);
        _time = time;
        Command = string.Join(' ', argv.Skip(1).Prepend(Path.GetFileName(argv[0])));
    }

    /// <summary>How reasons name the command: "drbdsetup events2 all".</summary>
    public string Command { get; }

    /// <summary>The state may have changed: an event after the dump, the dump's end, the program's end.</summary>
    public event Action? Changed;

    /// <summary>Starts the first drbdsetup, unless started or disposed.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_loop is not null || _disposed) return;
            _startedAt = _time.GetTimestamp();
            _loop = Task.Run(RunAsync);
        }
    }

    public DrbdStreamSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new DrbdStreamSnapshot(_phase, _phase == DrbdStreamPhase.Live ? _model.States : [], _problem,
                _time.GetElapsedTime(_startedAt), _settled.Task);
        }
    }

    /// <summary>Kills the running drbdsetup (its whole process tree) and waits for the reader to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            loop = _loop;
        }
        _stop.Cancel();
        Settle(DrbdStreamPhase.Down, $"{Command} stopped");
        if (loop is not null)
        {
            // The stop cancels the reader, which kills drbdsetup on its way out; the bound only guards against a process stuck in the kernel.
            try
            {
                await loop.WaitAsync(TimeSpan.FromSeconds(5), _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Left to end on its own; nothing waits on it.
            }
        }
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            string ended;
            try
            {
                ended = await RunProcessAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ended = $"{Command} failed: {e.Message}";
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (stop.IsCancellationRequested) return;
            var delay = _backoff.Next();
            Settle(DrbdStreamPhase.Down, $"{ended}; restarting in {Duration.Format(delay)}");
            try
            {
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs one drbdsetup to its end and says what ended it.</summary>
    private async Task<string> RunProcessAsync(CancellationToken stop)
    {
        var tag = new RunTag();
        using var process = new Process { StartInfo = BoundedCommand.StartInfo(_argv, null, tag) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return $"cannot start {_argv[0]}: {e.Message}";
        }
        process.StandardInput.Close();
        var generation = Begin();
        try
        {
            return await FollowAsync(process, tag, generation, stop).ConfigureAwait(false);
        }
        finally
        {
            // However the run ended (the program's exit, a stop, a fault), nothing of it outlives it. Not left to a
            // registration on the stop token: a cancelled read can finish inline inside Cancel() and unregister it
            // before it runs, which leaked drbdsetup past the daemon's exit.
            RunProcesses.Kill(process, tag);
        }
    }

    private async Task<string> FollowAsync(Process process, RunTag tag, int generation, CancellationToken stop)
    {
        using var dumpDeadline = _time.CreateTimer(_ => KillIfNoDump(process, tag, generation), null, _dumpTimeout,
            Timeout.InfiniteTimeSpan);
        var stderr = LastLineAsync(process.StandardError.BaseStream);

        await ReadEventsAsync(process, tag, generation, stop).ConfigureAwait(false);

        // stdout is closed: the program is ending, or it closed stdout and is of no more use.
        try
        {
            await process.WaitForExitAsync(stop).WaitAsync(ExitGrace, _time, stop).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            RunProcesses.Kill(process, tag);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        await Task.WhenAny(stderr, Task.Delay(ExitGrace, _time, CancellationToken.None)).ConfigureAwait(false);
        lock (_lock)
        {
            if (_killedBecause is { } why) return why;
        }
        var message = stderr.IsCompletedSuccessfully ? stderr.Result : null;
        return $"{Command} exited with {process.ExitCode}: {message ?? "no message"}";
    }

    private async Task ReadEventsAsync(Process process, RunTag tag, int generation, CancellationToken stop)
    {
        var stdout = process.StandardOutput.BaseStream;
        var splitter = new BoundedLineSplitter(MaxLineBytes);
        var buffer = new byte[8192];
        var lines = new List<string>();
        while (true)
        {
            int read;
            try
            {
                read = await stdout.ReadAsync(buffer, stop).ConfigureAwait(false);
            }
            catch (IOException)
            {
                read = 0;
            }
            if (read == 0) return;
            splitter.Feed(buffer.AsSpan(0, read), lines);
            foreach (var line in lines)
                Apply(line, process, tag, generation);
            lines.Clear();
        }
    }

    private void Apply(string line, Process process, RunTag tag, int generation)
    {
        if (!DrbdEvents2Parser.TryParse(line, out var e, out _)) return;
        bool changed;
        var tooMany = false;
        lock (_lock)
        {
            if (_generation != generation || _phase == DrbdStreamPhase.Down || _killedBecause is not null || !_model.Apply(e))
                return;
            if (_model.ResourceNames.Count > MaxResources)
            {
                _killedBecause = $"{Command} named more than {MaxResources} resources; killed it";
                tooMany = true;
            }
            else if (_phase == DrbdStreamPhase.AwaitingDump && _model.InitialDumpComplete)
            {
                _phase = DrbdStreamPhase.Live;
                _backoff.Reset();
                _settled.TrySetResult();
            }
            changed = _phase == DrbdStreamPhase.Live;
        }
        if (tooMany) RunProcesses.Kill(process, tag);
        else if (changed) Changed?.Invoke();
    }

    /// <summary>A fresh model for a new process; returns its generation.</summary>
    private int Begin()
    {
        lock (_lock)
        {
            _model = new DrbdEvents2Model();
            _killedBecause = null;
            _startedAt = _time.GetTimestamp();
            if (_phase != DrbdStreamPhase.AwaitingDump)
            {
                _phase = DrbdStreamPhase.AwaitingDump;
                _settled = NewSettled();
            }
            return ++_generation;
        }
    }

    private void KillIfNoDump(Process process, RunTag tag, int generation)
    {
        lock (_lock)
        {
            if (_generation != generation || _phase != DrbdStreamPhase.AwaitingDump) return;
            _killedBecause ??= $"{Command} ended no initial dump within {Duration.Format(_dumpTimeout)}; killed it";
        }
        RunProcesses.Kill(process, tag);
    }

    private void Settle(DrbdStreamPhase phase, string problem)
    {
        lock (_lock)
        {
            _phase = phase;
            _problem = problem;
            _settled.TrySetResult();
        }
        Changed?.Invoke();
    }

    /// <summary>The last non-blank line of stderr, cut to 200 characters; null if there was none.</summary>
    private static async Task<string?> LastLineAsync(Stream stream)
    {
        string? last = null;
        var splitter = new BoundedLineSplitter(4096);
        var buffer = new byte[4096];
        var lines = new List<string>();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                splitter.Feed(buffer.AsSpan(0, read), lines);
                last = lines.Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? last;
                lines.Clear();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Keep what came before the pipe broke.
        }
        if (splitter.TakeRest()?.Trim() is { Length: > 0 } rest) last = rest;
        return last is null || last.Length <= MaxMessageChars ? last : last[..MaxMessageChars] + "…";
    }

    private static TaskCompletionSource NewSettled() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
