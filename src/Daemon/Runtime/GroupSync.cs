using Failover.Carp;
using Failover.Control;
using Failover.Remote;
using Failover.Remote.Ssh;
using Failover.Remote.Sync;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// One group's config sync: while this node is MASTER, pushes the group's paths to the peer after the takeover
/// settled and then on schedule, and on demand (failoverctl sync). Runs on its own task so failover never waits for
/// it; a push is cancelled (rsync killed) when the node leaves MASTER or stops; at most one runs at a time.
/// </summary>
public sealed partial class GroupSync : IAsyncDisposable
{
    private const int MaxLoggedChanges = 100;

    private readonly GroupRuntime _runtime;
    private readonly SyncSettings _settings;
    private readonly SshSettings _ssh;
    private readonly ConfigPush _push;
    private readonly IRemoteRunner _remote;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<SyncRun> _failed;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;
    private SyncRun? _last;
    private SyncReason? _lastReason;
    private bool _lastCancelled;
    private DateTimeOffset? _lastStarted;
    private DateTimeOffset? _next;
    private Task _loop = Task.CompletedTask;

    /// <param name="failed">Told of a failed push (not a dry run), for the alert mail.</param>
    public GroupSync(GroupRuntime runtime, SyncSettings settings, SshSettings ssh, TimeProvider time, ILoggerFactory loggers, Action<SyncRun> failed)
    {
        _runtime = runtime;
        _settings = settings;
        _ssh = ssh;
        _remote = new SshRunner(ssh, time);
        _push = new ConfigPush(ssh, _remote, time);
        _time = time;
        _logger = loggers.CreateLogger("failoverd.sync");
        _failed = failed;
    }

    public void Start()
    {
        _runtime.FactsChanged += OnFactsChanged;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>failoverctl sync GROUP [--dry-run]: refused on a backup and while another push of the group runs.</summary>
    public async Task<ControlResponse> RunNowAsync(bool dryRun, string caller)
    {
        if (MasterSince() is null)
            return new ControlResponse(false, $"{_runtime.Name}: this node is {GroupRuntime.StateName(_runtime.Status().State)}: only the master pushes");
        if (!_oneAtATime.Wait(0))
            return new ControlResponse(false, $"{_runtime.Name}: a sync is running; try again when it has finished");
        try
        {
            OnDemand(_runtime.Name, dryRun ? "dry run" : "push", caller);
            var run = await RunAsync(dryRun ? null : SyncReason.OnDemand, dryRun).ConfigureAwait(false);
            if (run is null)
                return new ControlResponse(false, $"{_runtime.Name}: sync cancelled: this node left MASTER or is stopping");
            var text = SyncText.Describe(_runtime.Name, _remote.Target, _ssh.Host, run);
            return run.Succeeded ? new ControlResponse(true, Message: text) : new ControlResponse(false, text);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public SyncReport Report()
    {
        lock (_lock)
        {
            var result = _lastCancelled ? "cancelled" : _last is null ? null : _last.Succeeded ? "ok" : "failed";
            return new SyncReport(_remote.Target, _current is not null, result, _lastReason is { } r ? ReasonName(r) : null,
                _last?.Started ?? _lastStarted, _last?.Took.TotalMilliseconds, _last?.ChangeCount ?? 0, _lastCancelled ? null : _last?.Error, _next);
        }
    }

    private static string ReasonName(SyncReason reason) => reason switch
    {
        SyncReason.AfterTakeover => "after_takeover",
        SyncReason.Schedule => "schedule",
        _ => "on_demand",
    };

    /// <summary>When this node became MASTER, from the group's last transition; null while it is not MASTER.</summary>
    private DateTimeOffset? MasterSince()
    {
        var status = _runtime.Status();
        return status.State == CarpState.Master ? status.LastTransition is { To: CarpState.Master } t ? t.At : _time.GetUtcNow() : null;
    }

    /// <summary>Under the group's lock: only take note. Leaving MASTER cancels the push at once, off that lock.</summary>
    private void OnFactsChanged() => ThreadPool.QueueUserWorkItem(_ =>
    {
        if (MasterSince() is null)
        {
            lock (_lock)
                _current?.Cancel();
        }
        _wake.Release();
    });

    private async Task LoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            DateTimeOffset? lastStarted;
            lock (_lock)
                lastStarted = _lastStarted;
            var decision = SyncSchedule.Decide(MasterSince(), lastStarted, _settings.Every, _settings.AfterTakeover, _time.GetUtcNow());
            lock (_lock)
                _next = decision.NextCheck;
            try
            {
                if (decision.Now is { } reason)
                {
                    await _oneAtATime.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        await RunAsync(reason, dryRun: false).ConfigureAwait(false);
                    }
                    finally
                    {
                        _oneAtATime.Release();
                    }
                    continue;
                }
                var wait = decision.NextCheck is { } at ? Clamp(at - _time.GetUtcNow()) : Timeout.InfiniteTimeSpan;
                await _wake.WaitAsync(wait, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    /// <param name="reason">Why a push runs; null for a dry run (which neither counts as a push nor changes status).</param>
    /// <returns>The run, or null when it was cancelled.</returns>
    private async Task<SyncRun?> RunAsync(SyncReason? reason, bool dryRun)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        lock (_lock)
        {
            _current = cancel;
            if (!dryRun)
            {
                _lastStarted = _time.GetUtcNow();
                _lastReason = reason;
            }
        }
        // Left MASTER between the decision and here: the FactsChanged that said so found no push to cancel.
        if (MasterSince() is null)
            cancel.Cancel();
        try
        {
            var run = await _push.RunAsync(_settings, dryRun, cancel.Token).ConfigureAwait(false);
            if (!dryRun)
            {
                lock (_lock)
                    (_last, _lastCancelled) = (run, false);
                Log(run, reason!.Value);
            }
            return run;
        }
        catch (OperationCanceledException)
        {
            if (!dryRun)
            {
                lock (_lock)
                    _lastCancelled = true;
            }
            Cancelled(_runtime.Name, dryRun ? "dry run" : "push");
            return null;
        }
        finally
        {
            lock (_lock)
                _current = null;
        }
    }

    private void Log(SyncRun run, SyncReason reason)
    {
        var group = _runtime.Name;
        if (run.Succeeded)
            Pushed(group, run.ChangeCount, _remote.Target, (long)run.Took.TotalMilliseconds, ReasonName(reason));
        else
            Failed(group, _remote.Target, ReasonName(reason), run.Error ?? "");
        foreach (var (path, change) in run.Paths.SelectMany(p => p.Changes.Select(c => (p.Path, c))).Take(MaxLoggedChanges))
            Change(group, path.Dest, change.ToString());
        if (run.PostCommand is { } post)
            RemoteLog.Write(_logger, _remote.Target, _settings.PostCommand, post);
        if (!run.Succeeded)
            _failed(run);
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "sync {Group}: pushed {Changes} changes to {Target} in {TookMs} ms ({Reason})")]
    private partial void Pushed(string group, int changes, string target, long tookMs, string reason);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "sync {Group}: push to {Target} failed ({Reason}): {Error}")]
    private partial void Failed(string group, string target, string reason, string error);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "sync {Group}: {Dest}: {Change}")]
    private partial void Change(string group, string dest, string change);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Information, Message = "sync {Group}: {What} cancelled: this node left MASTER or is stopping")]
    private partial void Cancelled(string group, string what);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Warning, Message = "sync {Group}: {What} requested by {Caller}")]
    private partial void OnDemand(string group, string what, string caller);

    public async ValueTask DisposeAsync()
    {
        _runtime.FactsChanged -= OnFactsChanged;
        _stopping.Cancel();
        await _loop.ConfigureAwait(false);
        // An on-demand push still running sees _stopping too; wait for it so rsync is gone before the daemon is.
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        _oneAtATime.Release();
    }
}
