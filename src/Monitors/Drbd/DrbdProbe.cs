using System.ComponentModel;
using System.Text;
using Failover.Monitors.Health;
using Failover.Monitors.Processes;

namespace Failover.Monitors.Drbd;

/// <summary>
/// Checks that every configured DRBD device is Connected, its local disk UpToDate and free of split brain (see
/// <see cref="DrbdResourceVerdict"/>); the reason lists each device in configured order, joined by "; ".
/// </summary>
/// <remarks>
/// <para><see cref="DrbdSource.ProcDrbd"/> reads /proc/drbd (8.x); split brain there shows only as StandAlone.
/// <see cref="DrbdSource.Events2"/> runs <c>drbdsetup events2 --now all</c> (9.x), which dumps the state and exits;
/// its split-brain helper call marks the resource. A long-running <c>drbdsetup events2</c> reader that sees changes
/// at once, instead of once per interval, is a follow-up.</para>
/// <para>With Events2 a resource name covers all its volumes, named "r0" for volume 0 and "r0/1" for the others.</para>
/// </remarks>
public sealed class DrbdProbe : IProbe
{
    /// <summary>A dump of a few hundred resources is well below this; a runaway command is cut, not buffered.</summary>
    private const int MaxDumpBytes = 1 << 20;

    private readonly DrbdProbeOptions _options;
    private readonly IReadOnlyList<DrbdResourceSelector> _selectors;
    private readonly TimeProvider _time;
    private volatile IReadOnlyList<DrbdResourceState> _lastStates = [];

    /// <exception cref="ArgumentException">No resources, a name with the ProcDrbd source, an empty command.</exception>
    public DrbdProbe(string name, DrbdProbeOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Resources);
        if (options.Resources.Count == 0) throw new ArgumentException("no DRBD resources to check", nameof(options));
        if (!Enum.IsDefined(options.Source))
            throw new ArgumentOutOfRangeException(nameof(options), options.Source, "not a DRBD source");
        if (options.Source == DrbdSource.Events2 && (options.Events2Command is not { Count: > 0 } argv || string.IsNullOrEmpty(argv[0])))
            throw new ArgumentException("the events2 command is empty", nameof(options));
        if (options.Source == DrbdSource.ProcDrbd) ArgumentException.ThrowIfNullOrEmpty(options.ProcPath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        Name = name;
        _options = options;
        _selectors = options.Resources.Select(r => DrbdResourceSelector.Parse(r, options.Source)).ToList();
        _time = time ?? TimeProvider.System;
    }

    public string Name { get; }

    /// <summary>Every device the last completed run read (not only the configured ones), for status and rules;
    /// empty before the first run and after a run that could not read the state (stale state must not pass for
    /// current). Replaced whole by each run, so a read is a consistent snapshot.</summary>
    public IReadOnlyList<DrbdResourceState> LastStates => _lastStates;

    public Task<ProbeResult> RunAsync(CancellationToken cancellationToken) =>
        _options.Source == DrbdSource.ProcDrbd ? RunProcDrbdAsync(cancellationToken) : RunEvents2Async(cancellationToken);

    private async Task<ProbeResult> RunProcDrbdAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
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
        _lastStates = snapshot.Resources;
        var verdicts = _selectors.Select(s => DrbdResourceVerdict.Of(s.Label, snapshot.Minor(s.Minor!.Value)));
        return Judge(verdicts, started);
    }

    private async Task<ProbeResult> RunEvents2Async(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var program = Path.GetFileName(_options.Events2Command[0]);
        CommandOutput output;
        try
        {
            output = await BoundedCommand.RunAsync(_options.Events2Command, null, _options.Timeout, MaxDumpBytes, _time,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            return Failed($"cannot start {_options.Events2Command[0]}: {e.Message}", started);
        }

        if (output.TimedOut)
            return Failed($"{program} gave no result within {Duration.Format(_options.Timeout)}; killed its process tree", started);
        if (output.ExitCode != 0)
            return Failed($"{program} exited with {output.ExitCode}: {FirstMessageLine(output.Stderr) ?? "no message"}", started);

        var model = new DrbdEvents2Model();
        model.ApplyAll(DrbdEvents2Parser.ParseAll(Encoding.UTF8.GetString(output.Stdout)).Events);
        // "exists -" ends the dump: without it the state may be half-read, and half a state must not pass.
        if (!model.InitialDumpComplete)
            return Failed($"{program} printed no complete events2 dump (no \"exists -\" line)", started);
        _lastStates = model.States;
        return Judge(_selectors.SelectMany(s => Events2Verdicts(model, s)), started);
    }

    /// <summary>The first non-blank line of a command's stderr, cut to 200 characters; null when there is none.</summary>
    private static string? FirstMessageLine(byte[] stderr)
    {
        foreach (var line in Encoding.UTF8.GetString(stderr).Split('\n'))
        {
            if (line.Trim() is { Length: > 0 } trimmed)
                return trimmed.Length <= 200 ? trimmed : trimmed[..200] + "…";
        }
        return null;
    }

    private static IEnumerable<DrbdResourceVerdict> Events2Verdicts(DrbdEvents2Model model, DrbdResourceSelector selector)
    {
        if (selector.Minor is { } minor)
        {
            yield return DrbdResourceVerdict.Of(selector.Label, model.States.FirstOrDefault(s => s.Minor == minor));
            yield break;
        }
        var states = model.StatesOf(selector.Name!);
        if (states.Count == 0) yield return DrbdResourceVerdict.Of(selector.Label, null);
        foreach (var state in states)
            yield return DrbdResourceVerdict.Of(state.Volume is > 0 ? $"{selector.Label}/{state.Volume}" : selector.Label, state);
    }

    private ProbeResult Judge(IEnumerable<DrbdResourceVerdict> verdicts, long started)
    {
        var all = verdicts.ToList();
        var reason = string.Join("; ", all.Select(v => v.Reason));
        var latency = _time.GetElapsedTime(started);
        return all.TrueForAll(v => v.Healthy) ? ProbeResult.Up(reason, latency) : ProbeResult.Down(reason, latency);
    }

    private ProbeResult Failed(string reason, long started)
    {
        _lastStates = [];
        return ProbeResult.Down(reason, _time.GetElapsedTime(started));
    }
}
