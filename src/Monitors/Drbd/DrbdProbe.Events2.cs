using System.ComponentModel;
using System.Text;
using Failover.Monitors.Health;
using Failover.Linux.Processes;

namespace Failover.Monitors.Drbd;

/// <summary>The events2 sources (9.x): the stream and the one-shot dump.</summary>
public sealed partial class DrbdProbe
{
    /// <summary>A dump of a few hundred resources is well below this; a runaway command is cut, not buffered.</summary>
    private const int MaxDumpBytes = 1 << 20;

    private readonly Lock _streamLock = new();
    private DrbdEvents2Stream? _stream;
    private bool _streamDisposed;

    // The verdict the stream's state gave at its last change (1 healthy, 0 not, -1 none yet): a change is worth an
    // early run only when it flips it, so a burst of events during one outage counts as one fall step, not several.
    // Only the stream's handler writes it, so every flip is raised, however runs interleave.
    private int _streamHealthy = -1;

    private async Task<ProbeResult> RunStreamAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        if (Stream() is not { } stream) return Failed("probe stopped", started);
        var snapshot = stream.Snapshot();
        if (snapshot.Phase == DrbdStreamPhase.AwaitingDump)
        {
            try
            {
                await snapshot.DumpSettled.WaitAsync(_options.Timeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Reported below from a fresh look.
            }
            snapshot = stream.Snapshot();
        }
        var result = snapshot.Phase switch
        {
            DrbdStreamPhase.Live => Judge(_selectors.SelectMany(s => Events2Verdicts(snapshot.States, s)), started),
            DrbdStreamPhase.AwaitingDump => Failed(
                $"{stream.Command} has not ended its initial dump (\"exists -\") {Duration.Format(snapshot.Age)} after it started", started),
            _ => Failed(snapshot.Problem, started),
        };
        if (snapshot.Phase == DrbdStreamPhase.Live) _lastStates = snapshot.States;
        return result;
    }

    /// <summary>The stream, started at the first run; null once disposed.</summary>
    private DrbdEvents2Stream? Stream()
    {
        lock (_streamLock)
        {
            if (_stream is null && !_streamDisposed)
            {
                _stream = new DrbdEvents2Stream(_options.Events2Argv, _options.DumpTimeout, _options.RestartDelay, _time);
                _stream.Changed += OnStreamChanged;
                _stream.Start();
            }
            return _stream;
        }
    }

    private void OnStreamChanged()
    {
        if (Volatile.Read(ref _stream) is not { } stream) return;
        var snapshot = stream.Snapshot();
        var healthy = snapshot.Phase == DrbdStreamPhase.Live
            && _selectors.SelectMany(s => Events2Verdicts(snapshot.States, s)).All(v => v.Healthy) ? 1 : 0;
        var before = Interlocked.Exchange(ref _streamHealthy, healthy);
        if (before >= 0 && before != healthy)
        {
            OnChangeSeen();
        }
        else if (before >= 0 && snapshot.Phase == DrbdStreamPhase.Live)
        {
            // Not worth a fall step, but the rules and alerts read the states (roles, split brain) between runs.
            _lastStates = snapshot.States;
            StatesChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    private async ValueTask DisposeStreamAsync()
    {
        DrbdEvents2Stream? stream;
        lock (_streamLock)
        {
            _streamDisposed = true;
            stream = _stream;
        }
        if (stream is null) return;
        stream.Changed -= OnStreamChanged;
        await stream.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<ProbeResult> RunEvents2NowAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var argv = _options.Events2Argv;
        var program = Path.GetFileName(argv[0]);
        CommandOutput output;
        try
        {
            output = await BoundedCommand.RunAsync(argv, null, _options.Timeout, MaxDumpBytes, _time, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            return Failed($"cannot start {argv[0]}: {e.Message}", started);
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
        var states = model.States;
        _lastStates = states;
        return Judge(_selectors.SelectMany(s => Events2Verdicts(states, s)), started);
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

    /// <param name="states">Ordered by name then volume, as <see cref="DrbdEvents2Model.States"/> gives them.</param>
    private static IEnumerable<DrbdResourceVerdict> Events2Verdicts(IReadOnlyList<DrbdResourceState> states, DrbdResourceSelector selector)
    {
        if (selector.Minor is { } minor)
        {
            yield return DrbdResourceVerdict.Of(selector.Label, states.FirstOrDefault(s => s.Minor == minor));
            yield break;
        }
        var volumes = states.Where(s => s.Name == selector.Name).ToList();
        if (volumes.Count == 0) yield return DrbdResourceVerdict.Of(selector.Label, null);
        foreach (var state in volumes)
            yield return DrbdResourceVerdict.Of(state.Volume is > 0 ? $"{selector.Label}/{state.Volume}" : selector.Label, state);
    }
}
