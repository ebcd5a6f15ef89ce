using Failover.Rules.Language;
using System.ComponentModel;
using System.Text;
using Failover.Actions.Steps;
using Failover.Daemon.Config;
using Failover.Linux.Processes;
using Failover.Rules.Decisions;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// Carries out the actions a group's rules hand out, one at a time in the order handed out, on a task of their
/// own (a restart may take minutes; the rules and the CARP loop never wait for it). <c>reconnect_drbd</c> runs
/// <c>drbdadm connect RES</c>, <c>restart_service</c> <c>systemctl restart UNIT</c>, with the programs the
/// group's chain steps name (so a lab can simulate them); <c>notify</c> goes to the alert outbox (mail).
/// <c>split_brain_recovery</c> goes to the group's <see cref="SplitBrainResolver"/> (its <c>split_brain:</c> policy
/// decides); a group without one logs it as not carried out, never dropped silently.
/// </summary>
public sealed partial class RuleActions : IAsyncDisposable
{
    private const int OutputCap = 4096;

    private readonly GroupConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Action<string, string>? _notify;
    private readonly Action<string, string>? _splitBrain;
    private Task _tail = Task.CompletedTask;
    private int _running;

    /// <param name="notify">Posts a notify decision (rules, text) as an alert; without it, notify is only logged.</param>
    /// <param name="splitBrain">Takes a split_brain_recovery decision (resource, rules); null: the group has no split_brain: policy.</param>
    public RuleActions(GroupConfig config, TimeProvider time, ILoggerFactory loggers, Action<string, string>? notify = null,
        Action<string, string>? splitBrain = null)
    {
        _config = config;
        _notify = notify;
        _splitBrain = splitBrain;
        _time = time;
        _logger = loggers.CreateLogger("failoverd.rules");
    }

    /// <summary>No action runs or waits.</summary>
    internal bool IsIdle => Volatile.Read(ref _running) == 0;

    /// <summary>Queues <paramref name="decision"/>, handed out by <paramref name="rules"/> (names, for the log).</summary>
    public void Carry(Decision decision, string rules)
    {
        switch (decision)
        {
            case ReconnectDrbd reconnect:
                Queue(decision, rules, [DrbdCommand(reconnect.Resource), "connect", reconnect.Resource], DrbdStep.DefaultTimeout);
                break;
            case RestartService restart:
                Queue(decision, rules, [ServiceCommand(restart.Service), "restart", restart.Service], ServiceStep.DefaultTimeout);
                break;
            case SplitBrainRecovery recovery when _splitBrain is not null:
                _splitBrain(recovery.Resource, rules);
                break;
            case SplitBrainRecovery:
                NotCarriedOut(_config.Name, decision.ToString(), rules, "the group has no split_brain: policy: recover by hand (docs/rules.md, Split brain)");
                break;
            case Notify notify when _notify is not null:
                NotifyPosted(_config.Name, rules, notify.Text);
                _notify(rules, notify.Text);
                break;
            case Notify notify:
                NotifyDecided(_config.Name, rules, notify.Text);
                break;
            default:
                NotCarriedOut(_config.Name, decision.ToString(), rules, "no mechanism for it");
                break;
        }
    }

    /// <summary>drbdadm as the group's drbd steps name it (one for this resource first), else /sbin/drbdadm.</summary>
    private string DrbdCommand(string resource)
    {
        var steps = _config.OnMaster.Concat(_config.OnBackup).OfType<DrbdStep>().ToList();
        return (steps.FirstOrDefault(s => s.Resource == resource) ?? steps.FirstOrDefault())?.Command ?? DrbdStep.DefaultCommand;
    }

    /// <summary>systemctl as the group's service steps name it (one for this unit first), else /bin/systemctl.</summary>
    private string ServiceCommand(string unit)
    {
        var steps = _config.OnMaster.Concat(_config.OnBackup).OfType<ServiceStep>().ToList();
        return (steps.FirstOrDefault(s => s.Name == unit) ?? steps.FirstOrDefault())?.Command ?? ServiceStep.DefaultCommand;
    }

    private void Queue(Decision decision, string rules, string[] argv, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
                return;
            Interlocked.Increment(ref _running);
            _tail = RunAfterAsync(_tail, decision, rules, argv, timeout);
        }
    }

    private async Task RunAfterAsync(Task previous, Decision decision, string rules, string[] argv, TimeSpan timeout)
    {
        try
        {
            await previous.ConfigureAwait(false);
            await Task.Yield(); // off the evaluating thread
            var started = _time.GetTimestamp();
            var outcome = await RunAsync(argv, timeout).ConfigureAwait(false);
            var took = $"{_time.GetElapsedTime(started).TotalMilliseconds:0} ms";
            if (outcome.Ok)
                ActionSucceeded(_config.Name, decision.ToString(), rules, string.Join(' ', argv), took, outcome.Detail);
            else
                ActionFailed(_config.Name, decision.ToString(), rules, string.Join(' ', argv), took, outcome.Detail);
        }
        catch (OperationCanceledException)
        {
            // failoverd is stopping: the process tree was killed.
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private async Task<(bool Ok, string Detail)> RunAsync(string[] argv, TimeSpan timeout)
    {
        CommandOutput output;
        try
        {
            output = await BoundedCommand.RunAsync(argv, null, timeout, OutputCap, _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            return (false, $"cannot run {argv[0]}: {e.Message}");
        }
        if (output.TimedOut)
            return (false, $"no exit within {DurationLiteral.Format(timeout)}: killed");
        var text = (Encoding.UTF8.GetString(output.Stderr).Trim() + "\n" + Encoding.UTF8.GetString(output.Stdout).Trim()).Trim();
        var first = text.Split('\n').FirstOrDefault(l => l.Length > 0);
        return (output.ExitCode == 0, $"exit {output.ExitCode}" + (first is null ? "" : $": {first}"));
    }

    public async ValueTask DisposeAsync()
    {
        Task tail;
        lock (_lock)
        {
            _stopping.Cancel();
            tail = _tail;
        }
        await tail.ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Warning, Message = "group {Group}: {Decision} (rule {Rules}): {Command}: ok in {Took}: {Detail}")]
    private partial void ActionSucceeded(string group, string decision, string rules, string command, string took, string detail);

    [LoggerMessage(EventId = 711, Level = LogLevel.Error, Message = "group {Group}: {Decision} (rule {Rules}): {Command}: failed in {Took}: {Detail}")]
    private partial void ActionFailed(string group, string decision, string rules, string command, string took, string detail);

    [LoggerMessage(EventId = 712, Level = LogLevel.Error, Message = "group {Group}: {Decision} (rule {Rules}) decided but not carried out: {Why}")]
    private partial void NotCarriedOut(string group, string decision, string rules, string why);

    [LoggerMessage(EventId = 714, Level = LogLevel.Warning, Message = "group {Group}: notify (rule {Rules}): \"{Text}\"")]
    private partial void NotifyPosted(string group, string rules, string text);

    [LoggerMessage(EventId = 713, Level = LogLevel.Warning, Message = "group {Group}: notify (rule {Rules}): \"{Text}\" (logged only: failover.yaml has no mail: section)")]
    private partial void NotifyDecided(string group, string rules, string text);
}
