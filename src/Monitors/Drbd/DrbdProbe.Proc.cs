using Failover.Monitors.Health;

namespace Failover.Monitors.Drbd;

/// <summary>The /proc/drbd source (8.x) and its kernel log follower.</summary>
public sealed partial class DrbdProbe
{
    private readonly Lock _kernelLogLock = new();
    private readonly DrbdSplitBrainFlags _splitBrains = new();
    private DrbdKernelLog? _kernelLog;
    private bool _kernelLogDisposed;

    private async Task<ProbeResult> RunProcDrbdAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var kernelLog = KernelLog();
        var ticket = _splitBrains.Ticket;
        string text;
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            text = await File.ReadAllTextAsync(_options.ProcPath, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"cannot read {_options.ProcPath} within {Duration.Format(_options.Timeout)}", started);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed($"cannot read {_options.ProcPath}: No such file (DRBD not loaded?)", started);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed($"cannot read {_options.ProcPath}: {e.Message}", started);
        }

        var snapshot = ProcDrbdParser.Parse(text);
        if (snapshot.NeedsEvents2)
            return Failed($"{_options.ProcPath} is DRBD {snapshot.Version}, which lists no resources there: use the events2 source", started);
        var states = _splitBrains.Apply(snapshot.Resources, ticket);
        _lastStates = states;
        var verdicts = _selectors.Select(s => DrbdResourceVerdict.Of(s.Label, states.FirstOrDefault(r => r.Minor == s.Minor)));
        // A log that cannot be read leaves split brain unseen, not DRBD unhealthy: say so, but do not fail.
        return Judge(verdicts, started, kernelLog?.Problem is { } problem ? $"kernel log: {problem}" : null);
    }

    /// <summary>The kernel log follower, started at the first run; null when not configured.</summary>
    private DrbdKernelLog? KernelLog()
    {
        if (_options.KernelLogPath is not { } path) return null;
        lock (_kernelLogLock)
        {
            if (_kernelLog is null && !_kernelLogDisposed)
            {
                _kernelLog = new DrbdKernelLog(path, _splitBrains);
                _kernelLog.SplitBrainSeen += OnChangeSeen;
                _kernelLog.Start();
            }
            return _kernelLog;
        }
    }

    private void DisposeKernelLog()
    {
        lock (_kernelLogLock)
        {
            _kernelLogDisposed = true;
            if (_kernelLog is not null) _kernelLog.SplitBrainSeen -= OnChangeSeen;
            _kernelLog?.Dispose();
        }
    }
}
