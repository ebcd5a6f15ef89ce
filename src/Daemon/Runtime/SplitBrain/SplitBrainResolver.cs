using System.Globalization;
using Failover.Actions.SplitBrain;
using Failover.Control;
using Failover.Daemon.Alerts;
using Failover.Daemon.Config;
using Failover.Monitors.Drbd;
using Failover.Remote;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// One group's split-brain recovery: records when this node is Primary, plans with <see cref="SplitBrainPlanner"/>
/// from both nodes' DRBD states, and runs a plan (mailed before anything runs) on its own task. Under survivor and
/// last_primary a plan runs by itself, on the survivor only (so the two failoverd never both run one), once per
/// split brain: a failure is not retried until the split clears or an admin resolves. Under manual only
/// <see cref="Resolve"/> runs one. After the commands it watches the resync and mails when both disks are UpToDate.
/// </summary>
public sealed partial class SplitBrainResolver : IAsyncDisposable
{
    private const string NoRunner = "no SSH access to the peer is configured: the peer's commands cannot run, so nothing runs";

    private readonly string _group;
    private readonly SplitBrainConfig _config;
    private readonly string _localNode;
    private readonly string _peerNode;
    private readonly Func<IReadOnlyDictionary<string, DrbdResourceState>> _localDrbd;
    private readonly Func<PeerDrbdView> _peer;
    private readonly LastPrimaryBook _book;
    private readonly SplitBrainExecution? _execution;
    private readonly Action<Alert> _post;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Track> _tracks = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _runs = [];

    /// <param name="peer">Runs the peer's commands (ssh); null: nothing runs, and status says so.</param>
    public SplitBrainResolver(string group, SplitBrainConfig config, string localNode, string peerNode,
        Func<IReadOnlyDictionary<string, DrbdResourceState>> localDrbd, Func<PeerDrbdView> peerView, LastPrimaryBook book,
        IRemoteRunner? peer, ILocalCommands local, Action<Alert> post, TimeProvider time, ILogger logger)
    {
        _group = group;
        _config = config;
        _localNode = localNode;
        _peerNode = peerNode;
        _localDrbd = localDrbd;
        _peer = peerView;
        _book = book;
        _execution = peer is null ? null : new SplitBrainExecution(localNode, local, peer, time);
        _post = post;
        _time = time;
        _logger = logger;
        foreach (var resource in config.Policy.Resources)
            _tracks[resource] = new Track();
    }

    /// <summary>This node is MASTER of the group now (a MASTER victim releases the group first); null: never.</summary>
    public Func<bool>? LocalMaster { get; init; }

    /// <summary>True while the group is in maintenance: no automatic recovery starts (failoverctl splitbrain resolve still does).</summary>
    public Func<bool>? Suspended { get; init; }

    /// <summary>This node's control socket: the victim's failoverctl uses the same path unless split_brain: names one.</summary>
    public string? ControlSocket { get; init; }

    private SplitBrainPolicy Policy => _config.Policy.ControlSocket is null && ControlSocket is not null
        ? _config.Policy with { ControlSocket = ControlSocket }
        : _config.Policy;

    private bool IsMaster() => LocalMaster?.Invoke() == true;

    private sealed class Track
    {
        public SplitBrainPhase Phase;
        public bool RanThisSplit;
        public SplitBrainPlan? Plan;
        public string? LastResult;
        public DateTimeOffset? LastResultAt;
        public int LoggedTenth = -1;
        public string? LoggedWhy;
    }

    /// <summary>The DRBD facts changed (here or on the peer): record Primary, follow a resync, start an automatic plan.</summary>
    public void Check() => Check(null);

    /// <summary>The rules' <c>split_brain_recovery: RESOURCE</c>: an immediate check of that resource under the policy.</summary>
    public void Requested(string resource, string rules)
    {
        // Rules name DRBD devices by fact name (minor0 for /proc/drbd); the policy by drbdadm resource.
        resource = _config.Facts.FirstOrDefault(f => f.Value == resource && !_tracks.ContainsKey(resource)).Key ?? resource;
        if (!_tracks.ContainsKey(resource))
        {
            RequestRefused(_group, resource, rules, $"{resource} is not listed in split_brain: resources");
            return;
        }
        if (_config.Policy.Kind == SplitBrainPolicyKind.Manual)
        {
            RequestRefused(_group, resource, rules, "policy manual: run failoverctl splitbrain resolve " + _group + " --discard NODE");
            return;
        }
        Check(rules);
    }

    private void Check(string? rules)
    {
        var now = _time.GetUtcNow();
        var local = _localDrbd();
        var peer = _peer();
        var master = IsMaster();
        foreach (var (resource, fact) in _config.Facts)
        {
            if (local.GetValueOrDefault(fact) is { IsPrimary: true })
                RecordPrimary(fact, now);
            lock (_lock)
            {
                var track = _tracks[resource];
                var situation = Situation(resource, local, peer, master);
                var split = situation.Local.Reported || situation.Peer?.Reported == true;
                switch (track.Phase)
                {
                    case SplitBrainPhase.Running:
                        continue;
                    case SplitBrainPhase.Resyncing:
                        FollowResync(resource, track, local.GetValueOrDefault(fact), peer.States?.GetValueOrDefault(fact));
                        continue;
                }
                if (!split)
                {
                    track.RanThisSplit = false; // a later split brain is a new one
                    if (track.Phase == SplitBrainPhase.Failed)
                        track.Phase = SplitBrainPhase.Idle;
                    continue;
                }
                if (_config.Policy.Kind == SplitBrainPolicyKind.Manual || track.RanThisSplit)
                    continue;
                var verdict = Verdict(situation, null);
                if (verdict.Plan is not { } plan)
                {
                    if (verdict.WhyNot != track.LoggedWhy)
                        NothingRuns(_group, resource, verdict.WhyNot!);
                    track.LoggedWhy = verdict.WhyNot;
                    continue;
                }
                if (plan.Survivor != _localNode)
                {
                    var why = $"{plan.Survivor} (the survivor) runs the recovery";
                    if (why != track.LoggedWhy)
                        LeftToPeer(_group, resource, plan.Survivor, plan.Victim);
                    track.LoggedWhy = why;
                    continue;
                }
                if (Suspended?.Invoke() == true)
                {
                    const string suspended = "maintenance: no automatic recovery (failoverctl maintenance off, or failoverctl splitbrain resolve)";
                    if (suspended != track.LoggedWhy)
                        NothingRuns(_group, resource, suspended);
                    track.LoggedWhy = suspended;
                    continue;
                }
                Start(track, plan, rules is null ? $"policy {SplitBrainPolicy.Word(_config.Policy.Kind)}" : $"rule {rules}, policy {SplitBrainPolicy.Word(_config.Policy.Kind)}");
            }
        }
    }

    /// <summary>failoverctl splitbrain resolve GROUP --discard NODE [--dry-run]: the plan's text, and whether it started.</summary>
    public (bool Ok, string Text) Resolve(string discard, bool dryRun, string caller)
    {
        var local = _localDrbd();
        var peer = _peer();
        var master = IsMaster();
        var lines = new List<string>();
        var ok = true;
        foreach (var resource in _config.Policy.Resources)
        {
            lock (_lock)
            {
                var track = _tracks[resource];
                var verdict = Verdict(Situation(resource, local, peer, master), discard);
                if (verdict.Plan is not { } plan)
                {
                    ok = false;
                    lines.Add($"{resource}: nothing runs: {verdict.WhyNot}");
                    continue;
                }
                if (dryRun)
                {
                    lines.Add("dry run, nothing runs: " + plan.Describe());
                    continue;
                }
                if (track.Phase == SplitBrainPhase.Running)
                {
                    ok = false;
                    lines.Add($"{resource}: a recovery is already running");
                    continue;
                }
                Start(track, plan, $"failoverctl splitbrain resolve --discard {discard} by {caller}");
                lines.Add("started: " + plan.Describe() + "\nfollow it with: failoverctl splitbrain status " + _group);
            }
        }
        return (ok, string.Join('\n', lines));
    }

    public IReadOnlyList<SplitBrainReport> Report()
    {
        var local = _localDrbd();
        var peer = _peer();
        var master = IsMaster();
        var reports = new List<SplitBrainReport>();
        foreach (var (resource, fact) in _config.Facts)
        {
            lock (_lock)
            {
                var track = _tracks[resource];
                var situation = Situation(resource, local, peer, master);
                var verdict = track.Plan is { } running && track.Phase is SplitBrainPhase.Running or SplitBrainPhase.Resyncing
                    ? SplitBrainVerdict.Run(running)
                    : Verdict(situation, null);
                var localState = local.GetValueOrDefault(fact);
                reports.Add(new SplitBrainReport(_group, resource, SplitBrainPolicy.Word(_config.Policy.Kind),
                    situation.Local.Reported || situation.Peer?.Reported == true,
                    localState?.ToString() ?? "not reported by DRBD", peer.States?.GetValueOrDefault(fact)?.ToString(),
                    track.Phase.ToString().ToLowerInvariant(),
                    verdict.Plan?.Commands.Select(c => $"on {c.Node}: {c}")
                        .Concat(verdict.Plan.AfterResync.Select(c => $"after the resync, on {c.Node}: {c}")).ToArray(), verdict.Plan?.Victim,
                    verdict.Plan?.Reason ?? verdict.WhyNot!, track.LastResult, track.LastResultAt, localState?.SyncPercent));
            }
        }
        return reports;
    }

    private SplitBrainVerdict Verdict(SplitBrainSituation situation, string? discard)
    {
        var verdict = SplitBrainPlanner.Plan(Policy, situation, discard);
        return verdict.Plan is not null && _execution is null ? SplitBrainVerdict.Nothing(NoRunner) : verdict;
    }

    private SplitBrainSituation Situation(string resource, IReadOnlyDictionary<string, DrbdResourceState> local, PeerDrbdView peer, bool master)
    {
        var fact = _config.Facts[resource];
        var mine = Side(_localNode, local.GetValueOrDefault(fact), _book.Of(fact)) with { Master = master };
        var theirs = peer.States is { } states
            ? Side(_peerNode, states.GetValueOrDefault(fact), peer.LastPrimary.TryGetValue(fact, out var at) ? at : null) with { Master = peer.Master }
            : null;
        return new SplitBrainSituation(resource, mine, _peerNode, theirs, _config.Syntax) { Group = _group };
    }

    private static SplitBrainSide Side(string node, DrbdResourceState? state, DateTimeOffset? lastPrimary) =>
        new(node, state?.SplitBrain == true, state?.ConnectionState ?? "Unknown", state?.IsPrimary == true, lastPrimary);

    private void RecordPrimary(string fact, DateTimeOffset now)
    {
        try
        {
            _book.Seen(fact, now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PrimaryNotRecorded(_group, fact, e.Message);
        }
    }

    private void FollowResync(string resource, Track track, DrbdResourceState? local, DrbdResourceState? peer)
    {
        if (local is { IsHealthy: true } && (peer is null || peer.IsHealthy))
        {
            track.Phase = SplitBrainPhase.Idle;
            track.LastResult = $"resolved: {track.Plan!.Victim}'s data discarded, resync done, both UpToDate";
            track.LastResultAt = _time.GetUtcNow();
            Resynced(_group, resource, local.ToString());
            _post(SplitBrainMails.Resynced(_group, _localNode, track.Plan, local.ToString()));
            if (track.Plan.AfterResync.Count > 0 && _execution is not null)
                _runs.Add(AfterResyncAsync(track.Plan));
            return;
        }
        var percent = local?.SyncPercent;
        var tenth = percent is { } p ? (int)(p / 10) : -1;
        if (tenth != track.LoggedTenth)
        {
            track.LoggedTenth = tenth;
            ResyncProgress(_group, resource, percent is { } q ? q.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "no progress reported", local?.ToString() ?? "not reported");
        }
    }

    // Under _lock.
    private void Start(Track track, SplitBrainPlan plan, string trigger)
    {
        track.Phase = SplitBrainPhase.Running;
        track.RanThisSplit = true;
        track.Plan = plan;
        track.LoggedTenth = -1;
        PlanStarting(_group, plan.Resource, plan.Victim, plan.Survivor, plan.Reason, trigger,
            string.Join("; ", plan.Commands.Select(c => $"on {c.Node}: {c}")));
        _post(SplitBrainMails.Plan(_group, _localNode, plan, trigger));
        _runs.Add(RunAsync(track, plan));
    }

    private async Task RunAsync(Track track, SplitBrainPlan plan)
    {
        await Task.Yield(); // off the caller's thread (a DRBD read, the control socket)
        SplitBrainRunResult result;
        try
        {
            result = await _execution!.RunAsync(plan, step =>
            {
                var printed = step.Output.Length == 0 ? "" : "; output: " + step.Output.ReplaceLineEndings(" | ");
                if (step.Ok)
                    StepOk(_group, plan.Resource, step.ToString(), printed);
                else
                    StepFailed(_group, plan.Resource, step.ToString(), printed);
            }, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
                track.Phase = SplitBrainPhase.Failed;
            return;
        }
        lock (_lock)
        {
            track.LastResult = (result.Ok ? "commands ran: " : "FAILED: ") + result.Summary;
            track.LastResultAt = result.Ended;
            track.Phase = result.Ok ? SplitBrainPhase.Resyncing : SplitBrainPhase.Failed;
        }
        if (result.Ok)
            PlanDone(_group, plan.Resource, result.Summary);
        else
        {
            PlanFailed(_group, plan.Resource, result.Summary);
            _post(SplitBrainMails.Failed(_group, _localNode, result));
        }
        Check();
    }

    /// <summary>The plan's commands for after the resync (a released victim's clear), logged like its steps; a failure is mailed.</summary>
    private async Task AfterResyncAsync(SplitBrainPlan plan)
    {
        await Task.Yield();
        var after = plan with { VictimCommands = plan.AfterResync, SurvivorCommands = [], AfterResync = [] };
        try
        {
            var result = await _execution!.RunAsync(after, step =>
            {
                var printed = step.Output.Length == 0 ? "" : "; output: " + step.Output.ReplaceLineEndings(" | ");
                if (step.Ok)
                    StepOk(_group, plan.Resource, "after the resync: " + step, printed);
                else
                    StepFailed(_group, plan.Resource, "after the resync: " + step, printed);
            }, _stopping.Token).ConfigureAwait(false);
            if (!result.Ok)
                _post(SplitBrainMails.Failed(_group, _localNode, result));
        }
        catch (OperationCanceledException)
        {
            // Stopping: the victim's release stays; failoverctl status shows it with its "undo with".
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] runs;
        lock (_lock)
        {
            _stopping.Cancel();
            runs = [.. _runs];
        }
        await Task.WhenAll(runs).ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Warning, Message = "group {Group}: split brain on {Resource}: discarding the data of {Victim}, keeping {Survivor}'s ({Reason}); trigger: {Trigger}; plan: {Plan}")]
    private partial void PlanStarting(string group, string resource, string victim, string survivor, string reason, string trigger, string plan);

    [LoggerMessage(EventId = 721, Level = LogLevel.Warning, Message = "group {Group}: split brain recovery of {Resource}: {Step}{Output}")]
    private partial void StepOk(string group, string resource, string step, string output);

    [LoggerMessage(EventId = 722, Level = LogLevel.Error, Message = "group {Group}: split brain recovery of {Resource}: {Step}{Output}")]
    private partial void StepFailed(string group, string resource, string step, string output);

    [LoggerMessage(EventId = 723, Level = LogLevel.Warning, Message = "group {Group}: split brain recovery of {Resource}: {Summary}; watching the resync")]
    private partial void PlanDone(string group, string resource, string summary);

    [LoggerMessage(EventId = 724, Level = LogLevel.Error, Message = "group {Group}: split brain recovery of {Resource} FAILED: {Summary}; nothing more runs by itself")]
    private partial void PlanFailed(string group, string resource, string summary);

    [LoggerMessage(EventId = 725, Level = LogLevel.Information, Message = "group {Group}: {Resource} resync after the split brain: {Percent} ({State}); waiting for both disks UpToDate")]
    private partial void ResyncProgress(string group, string resource, string percent, string state);

    [LoggerMessage(EventId = 726, Level = LogLevel.Warning, Message = "group {Group}: {Resource} resynced after the split brain: {State}")]
    private partial void Resynced(string group, string resource, string state);

    [LoggerMessage(EventId = 727, Level = LogLevel.Warning, Message = "group {Group}: split brain on {Resource}: nothing runs: {Why}")]
    private partial void NothingRuns(string group, string resource, string why);

    [LoggerMessage(EventId = 728, Level = LogLevel.Information, Message = "group {Group}: split brain on {Resource}: {Survivor} (the survivor) runs the recovery; {Victim}'s data will be discarded")]
    private partial void LeftToPeer(string group, string resource, string survivor, string victim);

    [LoggerMessage(EventId = 729, Level = LogLevel.Warning, Message = "group {Group}: split_brain_recovery: {Resource} (rule {Rules}) not carried out: {Why}")]
    private partial void RequestRefused(string group, string resource, string rules, string why);

    [LoggerMessage(EventId = 730, Level = LogLevel.Error, Message = "group {Group}: cannot record that this node is Primary of {Resource}: {Error}")]
    private partial void PrimaryNotRecorded(string group, string resource, string error);
}
