using Microsoft.Extensions.Logging;

namespace Failover.Actions.Chains;

/// <summary>
/// Runs one group's chains one at a time, in transition order, on a task of its own: a slow step never
/// delays an advertisement (ucarp runs its scripts inline, so a slow vip-up.sh there makes the peer
/// think the master died). At most one chain waits: a newer one replaces it before it starts, since
/// only the latest transition matters and every step is idempotent. An on_backup queued while an
/// on_master runs cuts the on_master after its current step (the on_backup tears down what it set up).
/// </summary>
public sealed partial class ChainRunner : IAsyncDisposable
{
    /// <summary>How long past its timeout a step that ignores its deadline is waited for before it is abandoned.</summary>
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(2);

    private const int MaxOutputLines = 20;

    private readonly string _group;
    private readonly IStepRunner _steps;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<ChainResult>? _finished;
    private readonly object _gate = new();
    private Task _worker = Task.CompletedTask;
    private bool _draining;
    private bool _closed;
    private Chain? _pending;
    private Chain? _running;
    private bool _cut;
    private ChainResult? _last;

    /// <param name="finished">Called on the runner's task after each chain, before the next one starts.</param>
    public ChainRunner(string group, IStepRunner steps, TimeProvider time, ILogger logger, Action<ChainResult>? finished = null)
    {
        _group = group;
        _steps = steps;
        _time = time;
        _logger = logger;
        _finished = finished;
    }

    /// <summary>The last chain that finished; null before the first.</summary>
    public ChainResult? Last
    {
        get { lock (_gate) return _last; }
    }

    /// <summary>Queues <paramref name="chain"/> behind the running one; returns at once.</summary>
    public void Enqueue(Chain chain)
    {
        lock (_gate)
        {
            if (_closed)
                return;
            if (_pending is { } replaced)
                Dropped(_group, replaced.Name, chain.Name);
            _pending = chain;
            if (_running is { Kind: ChainKind.VipUp } running && chain.Kind == ChainKind.VipDown && !_cut)
            {
                _cut = true;
                Cutting(_group, running.Name, chain.Name);
            }
            if (!_draining)
            {
                _draining = true;
                _worker = Task.Run(DrainAsync);
            }
        }
    }

    /// <summary>Completes once no chain runs or waits.</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task worker;
            lock (_gate)
            {
                if (!_draining)
                    return;
                worker = _worker;
            }
            await worker.ConfigureAwait(false);
        }
    }

    /// <summary>Takes no more chains, and lets the running and waiting ones finish (each step is bounded by its timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
            _closed = true;
        await WhenIdleAsync().ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            Chain chain;
            lock (_gate)
            {
                if (_pending is null)
                {
                    _draining = false;
                    return;
                }
                chain = _pending;
                _pending = null;
                _running = chain;
                _cut = false;
            }
            var result = await RunAsync(chain).ConfigureAwait(false);
            lock (_gate)
            {
                _last = result;
                _running = null;
            }
            _finished?.Invoke(result);
        }
    }

    private bool IsCut
    {
        get { lock (_gate) return _cut; }
    }

    private async Task<ChainResult> RunAsync(Chain chain)
    {
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var count = chain.Steps.Count;
        Started(_group, chain.Name, count, chain.Reason);

        var results = new List<StepResult>(count);
        bool failed = false, cut = false;
        for (int i = 0; i < count; i++)
        {
            var step = chain.Steps[i];
            if (chain.Kind == ChainKind.VipUp && !failed && !cut)
                cut = IsCut;
            if (failed || cut)
            {
                results.Add(new StepResult(i + 1, step.Describe(), StepStatus.Skipped, TimeSpan.Zero, "", ""));
                continue;
            }
            var result = await RunStepAsync(step, i + 1).ConfigureAwait(false);
            LogStep(chain.Name, $"step {i + 1}/{count}", result);
            results.Add(result);
            if (result.Status == StepStatus.Superseded)
                cut = true; // a newer state's chain follows: stop here, undo nothing, fail nothing
            else if (chain.Kind == ChainKind.VipUp && !result.Succeeded)
                failed = true;
        }

        List<StepResult> undone = [];
        if (failed)
        {
            var failure = results.First(r => !r.Succeeded && r.Ran);
            // The failed step is undone too: it may have half happened (a start that timed out), and undoing is idempotent.
            var toUndo = results.Where(r => r.Ran).Reverse()
                .Select(r => (r.Number, Undo: chain.Steps[r.Number - 1].Undo())).Where(u => u.Undo is not null).ToArray();
            RollingBack(_group, chain.Name, failure.Number, failure.Step, failure.Detail, toUndo.Length);
            foreach (var (number, undo) in toUndo)
            {
                var result = await RunStepAsync(undo!, number).ConfigureAwait(false);
                LogStep(chain.Name, $"undo of step {number}", result);
                undone.Add(result);
            }
        }

        var outcome = failed ? ChainOutcome.RolledBack
            : results.Any(r => r.Ran && !r.Succeeded && r.Status != StepStatus.Superseded) ? ChainOutcome.PartlyFailed
            : cut ? ChainOutcome.Cut
            : ChainOutcome.Succeeded;
        var chainResult = new ChainResult(chain.Kind, chain.Reason, outcome, startedAt, _time.GetElapsedTime(started), results, undone);
        ChainDone(outcome is ChainOutcome.Succeeded or ChainOutcome.Cut ? LogLevel.Information : LogLevel.Warning, _group, chainResult.Summary(),
            (long)chainResult.Duration.TotalMilliseconds);
        return chainResult;
    }

    private async Task<StepResult> RunStepAsync(ChainStep step, int number)
    {
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(step.Timeout, _time);
        StepStatus status;
        StepOutcome outcome;
        try
        {
            outcome = await _steps.RunAsync(step, deadline.Token).WaitAsync(step.Timeout + AbandonGrace, _time).ConfigureAwait(false);
            status = outcome.Succeeded ? StepStatus.Ok : outcome.IsSuperseded ? StepStatus.Superseded : StepStatus.Failed;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            status = StepStatus.TimedOut;
            outcome = StepOutcome.Failed($"killed at its {Seconds(step.Timeout)} timeout");
        }
        catch (Exception e)
        {
            // A step that throws is a failed step, never a dead runner.
            status = StepStatus.Failed;
            outcome = StepOutcome.Failed(e.Message);
        }
        return new StepResult(number, step.Describe(), status, _time.GetElapsedTime(started), outcome.Detail, outcome.Output);
    }

    private void LogStep(string chain, string which, StepResult result)
    {
        var level = result.Status is StepStatus.Ok or StepStatus.Superseded ? LogLevel.Information : LogLevel.Warning;
        var word = result.Status switch
        {
            StepStatus.Ok => "ok",
            StepStatus.TimedOut => "TIMED OUT",
            StepStatus.Superseded => "superseded",
            _ => "FAILED",
        };
        StepDone(level, _group, chain, which, result.Step, word, (long)result.Duration.TotalMilliseconds, result.Detail);
        if (result.Output.Length == 0)
            return;
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines.Take(MaxOutputLines))
            StepOutput(_group, chain, which, line.TrimEnd('\r'));
        if (lines.Length > MaxOutputLines)
            StepOutput(_group, chain, which, $"… {lines.Length - MaxOutputLines} more lines");
    }

    private static string Seconds(TimeSpan span) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "group {Group}: {Chain} started, {Count} steps ({Reason})")]
    private partial void Started(string group, string chain, int count, string reason);

    [LoggerMessage(EventId = 301, Message = "group {Group}: {Chain} {Which} {Step}: {Word} in {Milliseconds} ms: {Detail}")]
    private partial void StepDone(LogLevel level, string group, string chain, string which, string step, string word, long milliseconds, string detail);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "group {Group}: {Chain} {Which} | {Line}")]
    private partial void StepOutput(string group, string chain, string which, string line);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "group {Group}: {Chain} failed at step {Number} ({Step}): {Detail}; undoing {Undos} steps in reverse order")]
    private partial void RollingBack(string group, string chain, int number, string step, string detail, int undos);

    [LoggerMessage(EventId = 304, Message = "group {Group}: {Summary} (in {Milliseconds} ms)")]
    private partial void ChainDone(LogLevel level, string group, string summary, long milliseconds);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "group {Group}: {Chain} stops after its current step: {Next} is queued")]
    private partial void Cutting(string group, string chain, string next);

    [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "group {Group}: queued {Chain} dropped before it started: {Next} replaces it")]
    private partial void Dropped(string group, string chain, string next);
}
