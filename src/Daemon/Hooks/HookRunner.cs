using System.Diagnostics;
using System.Threading.Channels;
using Failover.Daemon.Config;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Hooks;

/// <summary>
/// Runs a group's on_master/on_backup steps one chain at a time, in the order the transitions happened,
/// on a task of its own: a slow script never delays an advertisement (ucarp runs its scripts inline,
/// so a slow vip-up.sh there makes the peer think the master died).
/// This is the hook point the action chains of a later issue plug into.
/// </summary>
public sealed partial class HookRunner : IAsyncDisposable
{
    private readonly Channel<(string Chain, IReadOnlyList<HookStep> Steps)> _queue =
        Channel.CreateUnbounded<(string, IReadOnlyList<HookStep>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HookContext _context;
    private readonly ILogger _logger;
    private readonly Task _worker;

    public HookRunner(HookContext context, ILogger logger)
    {
        _context = context;
        _logger = logger;
        _worker = Task.Run(RunAsync);
    }

    public void Enqueue(string chain, IReadOnlyList<HookStep> steps)
    {
        if (steps.Count > 0)
            _queue.Writer.TryWrite((chain, steps));
    }

    /// <summary>Lets the queued chains finish (each step is bounded by its timeout), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var (chain, steps) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            for (int i = 0; i < steps.Count; i++)
            {
                if (steps[i] is ExecStep exec)
                    await RunExecAsync(chain, i + 1, exec).ConfigureAwait(false);
            }
        }
    }

    private async Task RunExecAsync(string chain, int number, ExecStep step)
    {
        var argv = step.CommandLine(_context.Interface, _context.FirstVip);
        var started = Stopwatch.StartNew();
        try
        {
            using var process = new Process { StartInfo = ExecArguments.StartInfo(argv) };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) StepOutput(_context.Group, chain, number, e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) StepOutput(_context.Group, chain, number, e.Data); };
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(step.Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
                StepTimedOut(_context.Group, chain, number, argv[0], step.Timeout.TotalSeconds);
                return;
            }
            if (process.ExitCode == 0)
                StepSucceeded(_context.Group, chain, number, argv[0], started.ElapsedMilliseconds);
            else
                StepFailed(_context.Group, chain, number, argv[0], process.ExitCode, started.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            StepCouldNotStart(_context.Group, chain, number, argv[0], e.Message);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "group {Group}: {Chain} step {Number} ({Program}) ok in {Milliseconds} ms")]
    private partial void StepSucceeded(string group, string chain, int number, string program, long milliseconds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "group {Group}: {Chain} step {Number} ({Program}) exited with {ExitCode} after {Milliseconds} ms")]
    private partial void StepFailed(string group, string chain, int number, string program, int exitCode, long milliseconds);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "group {Group}: {Chain} step {Number} ({Program}) killed after its {Seconds} s timeout")]
    private partial void StepTimedOut(string group, string chain, int number, string program, double seconds);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "group {Group}: {Chain} step {Number} ({Program}) could not start: {Error}")]
    private partial void StepCouldNotStart(string group, string chain, int number, string program, string error);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "group {Group}: {Chain} step {Number}: {Line}")]
    private partial void StepOutput(string group, string chain, int number, string line);
}
