using Failover.Monitors.Health;

namespace Failover.Monitors.Drbd;

/// <summary>
/// Checks that every configured DRBD device is Connected, its local disk UpToDate and free of split brain (see
/// <see cref="DrbdResourceVerdict"/>); the reason lists each device in configured order, joined by "; ".
/// </summary>
/// <remarks>
/// <para><see cref="DrbdSource.ProcDrbd"/> reads /proc/drbd (8.x) on every run; a split brain shows there only as
/// StandAlone, unless the kernel log is followed (<see cref="DrbdProbeOptions.KernelLogPath"/>).
/// <see cref="DrbdSource.Events2"/> keeps one <c>drbdsetup events2 all</c> running from the first run on
/// (<see cref="DrbdEvents2Stream"/>) and judges its current state; a change that flips the verdict raises
/// <see cref="ChangeSeen"/>, and so does a split brain in the kernel log; any other change of the stream's state
/// updates <see cref="LastStates"/> at once and raises <see cref="StatesChanged"/>. <see cref="DrbdSource.Events2Now"/> runs
/// <c>drbdsetup events2 --now all</c> on every run instead. With events2, the split-brain helper call marks the
/// resource until its peer is Connected again.</para>
/// <para>With events2 a resource name covers all its volumes, named "r0" for volume 0 and "r0/1" for the others.</para>
/// <para>Dispose (async) kills the running drbdsetup and stops following the kernel log.</para>
/// </remarks>
public sealed partial class DrbdProbe : IWatchingProbe, IAsyncDisposable
{
    private readonly DrbdProbeOptions _options;
    private readonly IReadOnlyList<DrbdResourceSelector> _selectors;
    private readonly TimeProvider _time;
    private volatile IReadOnlyList<DrbdResourceState> _lastStates = [];

    /// <exception cref="ArgumentException">No resources, a name with the ProcDrbd source, an empty command, a kernel
    /// log with an events2 source, a timeout that is not positive.</exception>
    public DrbdProbe(string name, DrbdProbeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Resources);
        if (options.Resources.Count == 0) throw new ArgumentException("no DRBD resources to check", nameof(options));
        if (!Enum.IsDefined(options.Source))
            throw new ArgumentOutOfRangeException(nameof(options), options.Source, "not a DRBD source");
        if (options.Source != DrbdSource.ProcDrbd && (options.Events2Argv is not { Count: > 0 } argv || string.IsNullOrEmpty(argv[0])))
            throw new ArgumentException("the events2 command is empty", nameof(options));
        if (options.Source == DrbdSource.ProcDrbd) ArgumentException.ThrowIfNullOrEmpty(options.ProcPath);
        if (options.KernelLogPath is not null && options.Source != DrbdSource.ProcDrbd)
            throw new ArgumentException("the kernel log is followed for /proc/drbd only: events2 reports split brain itself", nameof(options));
        if (options.KernelLogPath is "") throw new ArgumentException("the kernel log path is empty", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.DumpTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RestartDelay, TimeSpan.Zero);
        Name = name;
        _options = options;
        _selectors = options.Resources.Select(r => DrbdResourceSelector.Parse(r, options.Source)).ToList();
        _time = time ?? TimeProvider.System;
    }

    public string Name { get; }

    /// <summary>A change seen between runs (stream or kernel log) that a run would judge differently.</summary>
    public event EventHandler? ChangeSeen;

    /// <summary>The events2 stream changed <see cref="LastStates"/> without a run (the verdict stays as it was: a
    /// split brain on a resource already down, a role change): the facts are current before the next run.</summary>
    public event EventHandler? StatesChanged;

    /// <summary>Every device the last completed run read (not only the configured ones), for status and rules;
    /// empty before the first run and after a run that could not read the state (stale state must not pass for
    /// current). Replaced whole by each run, so a read is a consistent snapshot.</summary>
    public IReadOnlyList<DrbdResourceState> LastStates => _lastStates;

    public Task<ProbeResult> RunAsync(CancellationToken cancellationToken) => _options.Source switch
    {
        DrbdSource.ProcDrbd => RunProcDrbdAsync(cancellationToken),
        DrbdSource.Events2 => RunStreamAsync(cancellationToken),
        _ => RunEvents2NowAsync(cancellationToken),
    };

    public async ValueTask DisposeAsync()
    {
        DisposeKernelLog();
        await DisposeStreamAsync().ConfigureAwait(false);
    }

    private ProbeResult Judge(IEnumerable<DrbdResourceVerdict> verdicts, long started, string? note = null)
    {
        var all = verdicts.ToList();
        var reason = string.Join("; ", all.Select(v => v.Reason)) + (note is null ? "" : "; " + note);
        var latency = _time.GetElapsedTime(started);
        return all.TrueForAll(v => v.Healthy) ? ProbeResult.Up(reason, latency) : ProbeResult.Down(reason, latency);
    }

    private ProbeResult Failed(string reason, long started)
    {
        _lastStates = [];
        return ProbeResult.Down(reason, _time.GetElapsedTime(started));
    }

    private void OnChangeSeen() => ChangeSeen?.Invoke(this, EventArgs.Empty);
}
