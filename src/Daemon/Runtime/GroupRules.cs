using System.Text.RegularExpressions;
using Failover.Carp;
using Failover.Control;
using Failover.Daemon.Config;
using Failover.Rules.Decisions;
using Failover.Rules.Engine;
using Failover.Rules.Explain;
using Failover.Rules.Facts;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// The rule loop of one group: takes one snapshot of its facts (the runtime's, the probes', DRBD's), judges it with
/// the <see cref="RuleEngine"/> and applies the verdict: a "rules" blocker on the group while the node may not be
/// (or stay) MASTER, and the actions handed out (<see cref="RuleActions"/>).
/// </summary>
/// <remarks>
/// An evaluation runs whenever a fact may have changed (a probe's health, a DRBD read, a transition, the link, a
/// chain's result), when the last evaluation said the verdict may change (<see cref="Evaluation.NextChange"/>: a
/// <c>for:</c>, a hold-down's end), and every <see cref="Backstop"/>. Requests only queue an evaluation on the
/// thread pool, so the CARP loop and the probes never wait for one; evaluations run one at a time, and requests
/// that come in a burst make one evaluation.
/// </remarks>
public sealed partial class GroupRules : IAsyncDisposable
{
    /// <summary>The blocker source on the group's runtime.</summary>
    public const string Blocker = "rules";

    /// <summary>Evaluate at least this often, whatever else happens.</summary>
    public static readonly TimeSpan Backstop = TimeSpan.FromSeconds(10);

    /// <summary>Real timers cannot be armed for ever; the backstop tick comes long before this anyway.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private readonly GroupConfig _config;
    private readonly GroupRuntime _runtime;
    private readonly IGroupProbeFacts _probes;
    private readonly IPeerChannel? _peer;
    private readonly RuleActions _actions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _evaluating = new();
    private readonly ITimer _nextChange;
    private readonly ITimer _backstop;
    private readonly Dictionary<string, DateTimeOffset> _lastFired = [];
    private RuleMemory _memory = RuleMemory.Empty;
    private (GroupFacts Facts, Evaluation Evaluation)? _last;
    private Dictionary<string, RuleStatus> _ruleStatus = [];
    private string? _verdictKey;
    private long _linkLossesSeen;
    private bool _linkLostUnsynced;
    private long? _drbdReadsAtLinkUp;
    private int _queued;
    private int _outstanding;
    private bool _started;
    private bool _stopped;

    /// <param name="peer">The channel to the other node; null: no peer, every <c>peer.*</c> fact unknown.</param>
    /// <param name="notify">Where notify decisions go (rules, text); null: logged only.</param>
    public GroupRules(GroupConfig config, GroupRuntime runtime, IGroupProbeFacts probes, TimeProvider time, ILoggerFactory loggers,
        IPeerChannel? peer = null, Action<string, string>? notify = null, Action<string, string>? splitBrain = null)
    {
        _peer = peer;
        _config = config;
        _runtime = runtime;
        _probes = probes;
        _time = time;
        _logger = loggers.CreateLogger("failoverd.rules");
        _actions = new RuleActions(config, time, loggers, notify, splitBrain);
        _nextChange = time.CreateTimer(_ => Request(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _backstop = time.CreateTimer(_ => Request(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>No evaluation queued or running, and no action running.</summary>
    internal bool IsIdle => Volatile.Read(ref _outstanding) == 0 && _actions.IsIdle;

    /// <summary>
    /// Evaluates once now, on the calling thread, so the group's blocker is set before it starts (a backup whose DRBD
    /// is not read yet must not take over in the meantime), then follows the facts.
    /// </summary>
    public void Start()
    {
        _linkLossesSeen = _runtime.LinkLosses;
        _runtime.FactsChanged += Request;
        _probes.Changed += Request;
        if (_peer is not null)
            _peer.Changed += Request;
        _backstop.Change(Backstop, Backstop);
        lock (_evaluating)
        {
            _started = true;
            Evaluate();
        }
    }

    /// <summary>Queues one evaluation (or joins the one queued). Cheap and non-blocking: callable under any lock.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _queued, 1) != 0)
            return;
        Interlocked.Increment(ref _outstanding);
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.RunQueued(), this, preferLocal: false);
    }

    /// <summary>failoverctl explain: evaluates now (as any evaluation: what it hands out is carried out) and reports it.</summary>
    public ExplainReport Explain()
    {
        lock (_evaluating)
        {
            Evaluate();
            var (facts, evaluation) = _last!.Value;
            var report = ExplainReports.Of(facts, evaluation);
            return report with
            {
                Rules = report.Rules.Select(r => r with { LastFiredAt = _lastFired.TryGetValue(r.Name, out var at) ? at : null }).ToList(),
            };
        }
    }

    /// <summary>The last verdict, for failoverctl status.</summary>
    public RulesReport Report()
    {
        lock (_evaluating)
        {
            if (_last is not { Evaluation: var e })
                return new RulesReport(true, true, [], null, null, []);
            return new RulesReport(e.MayBecomeMaster, e.MayStayMaster,
                e.Vetoes.Select(v => new VetoReport(v.Kind == VetoKind.Demotes ? "demotes" : "forbids-becoming", v.Source, v.Reason)).ToList(),
                e.HoldDownUntil, e.HoldDownUntil is null ? null : e.Memory.HoldDownRule,
                e.Rules.Where(r => r.Status == RuleStatus.Firing).Select(r => r.Rule.Name).ToList());
        }
    }

    /// <summary>failoverctl clear: lifts the rules' hold-down (the rules themselves still apply).</summary>
    public void ClearHoldDown()
    {
        lock (_evaluating)
        {
            if (_memory.HoldDownUntil is null)
                return;
            _memory = _memory.WithoutHoldDown();
            HoldDownCleared(_config.Name);
            Evaluate();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_evaluating)
            _stopped = true;
        _runtime.FactsChanged -= Request;
        _probes.Changed -= Request;
        if (_peer is not null)
            _peer.Changed -= Request;
        _nextChange.Dispose();
        _backstop.Dispose();
        await _actions.DisposeAsync().ConfigureAwait(false);
    }

    private void RunQueued()
    {
        try
        {
            Volatile.Write(ref _queued, 0);
            lock (_evaluating)
                Evaluate();
        }
        catch (Exception e)
        {
            // Never take the daemon down: the last blocker stays, and the next request tries again.
            EvaluationFailed(_config.Name, e.ToString());
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }

    /// <summary>One evaluation and its consequences. Under <see cref="_evaluating"/>.</summary>
    private void Evaluate()
    {
        if (_stopped || !_started)
            return;
        var facts = Snapshot();
        var evaluation = RuleEngine.Evaluate(facts, _config.Rules, _time.GetUtcNow(), _memory);
        _memory = evaluation.Memory;
        _last = (facts, evaluation);
        _peer?.Publish(facts);

        // Log why before the transition the blocker may cause logs what.
        LogRuleChanges(evaluation);
        LogVerdict(evaluation);
        ApplyBlocker(facts, evaluation);
        HandOut(facts, evaluation);
        if (evaluation.NextChange is { } next)
            _nextChange.Change(Clamp(next - evaluation.At), Timeout.InfiniteTimeSpan);
        else
            _nextChange.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private GroupFacts Snapshot()
    {
        // Counters before the facts: the facts are then at least as fresh as what the counters say.
        var losses = _runtime.LinkLosses;
        var reads = _probes.DrbdReads;
        var facts = _runtime.Facts() with { Probes = _probes.Probes(), Drbd = _probes.Drbd() };
        if (losses != _linkLossesSeen || !facts.LinkUp)
        {
            _linkLossesSeen = losses;
            if (!_linkLostUnsynced && facts.Drbd.Count > 0)
                LinkLostUnsynced(_config.Name);
            _linkLostUnsynced = true;
            _drbdReadsAtLinkUp = null;
        }
        if (_linkLostUnsynced && facts.LinkUp)
        {
            // In sync by a DRBD read made since the link came back: before it, a state still showing Connected may
            // be one from before the loss, or one DRBD has not revised yet.
            _drbdReadsAtLinkUp ??= reads;
            if (facts.ResourcesInSync && (facts.Drbd.Count == 0 || reads > _drbdReadsAtLinkUp))
            {
                _linkLostUnsynced = false;
                if (facts.Drbd.Count > 0)
                    InSyncAgain(_config.Name);
            }
        }
        var (reachable, peer) = _peer?.For(_config.Name) ?? (false, null);
        return PeerProbes.Merge(facts with { LinkLostUnsynced = _linkLostUnsynced }, _probes.ForPeer(), _peer?.Node ?? "(none configured)",
            reachable, peer);
    }

    /// <summary>
    /// A MASTER leaves only for a veto that demotes; a node that is not MASTER does not become one for any veto
    /// (forbid_master and the safety checks do not take the VIPs from a master).
    /// </summary>
    private void ApplyBlocker(GroupFacts facts, Evaluation evaluation)
    {
        var master = facts.State == CarpState.Master;
        var blocking = evaluation.Vetoes.Where(v => !master || v.Kind == VetoKind.Demotes).ToList();
        _runtime.SetBlocker(Blocker, blocking.Count == 0 ? null : string.Join("; ", blocking.Select(Describe)));
    }

    private void LogVerdict(Evaluation evaluation)
    {
        // Log a change of verdict once; the key leaves out what moves on its own (a resync's percentage).
        var key = $"{evaluation.MayBecomeMaster}/{evaluation.MayStayMaster}/"
            + Percentage().Replace(string.Join("|", evaluation.Vetoes.Select(v => v.ToString())), "%");
        if (key == _verdictKey)
            return;
        var first = _verdictKey is null;
        _verdictKey = key;
        if (evaluation.Vetoes.Count == 0)
        {
            if (!first)
                MayBeMaster(_config.Name);
        }
        else
        {
            var verdict = evaluation.MayStayMaster ? "may not become MASTER" : "may not be MASTER";
            MayNotBeMaster(_config.Name, verdict, string.Join("; ", evaluation.Vetoes.Select(Describe)));
        }
    }

    private string Describe(Veto veto) => veto.Source == "hold-down" && _memory.HoldDownUntil is { } until
        ? $"hold-down until {until.ToLocalTime():yyyy-MM-dd HH:mm:ss}: {veto.Reason}"
        : veto.ToString();

    private void LogRuleChanges(Evaluation evaluation)
    {
        var now = new Dictionary<string, RuleStatus>();
        foreach (var verdict in evaluation.Rules)
        {
            var name = verdict.Rule.Name;
            now[name] = verdict.Status;
            var before = _ruleStatus.GetValueOrDefault(name, RuleStatus.Idle);
            if (verdict.FiredNow)
            {
                _lastFired[name] = evaluation.At;
                RuleFired(_config.Name, name, verdict.Rule.When.Text, string.Join(", ", verdict.Rule.Then));
            }
            else if (verdict.Status == RuleStatus.Pending && before != RuleStatus.Pending)
            {
                RulePending(_config.Name, name, verdict.Rule.When.Text, verdict.PendingUntil!.Value.ToLocalTime().ToString("HH:mm:ss.fff"));
            }
            else if (before == RuleStatus.Firing && verdict.Status != RuleStatus.Firing)
            {
                RuleCleared(_config.Name, name, verdict.Status == RuleStatus.Unknown ? "depends on a fact not known" : "no longer holds");
            }
        }
        _ruleStatus = now;
    }

    /// <summary>The actions handed out; in maintenance only notify (a mail, not an action on the system) goes out.</summary>
    private void HandOut(GroupFacts facts, Evaluation evaluation)
    {
        foreach (var decision in evaluation.Decisions)
        {
            var rules = string.Join(", ", evaluation.Rules.Where(r => r.Handed.Contains(decision)).Select(r => r.Rule.Name));
            if (facts.Maintenance && decision is not Notify)
                WithheldInMaintenance(_config.Name, decision.ToString(), rules);
            else
                _actions.Carry(decision, rules);
        }
    }

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)?%")]
    private static partial Regex Percentage();

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "group {Group}: rules: {Verdict}: {Why}")]
    private partial void MayNotBeMaster(string group, string verdict, string why);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "group {Group}: rules: may be MASTER again (no rule, safety check or hold-down against it)")]
    private partial void MayBeMaster(string group);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "group {Group}: rule {Rule} fired: {When}; then {Then}")]
    private partial void RuleFired(string group, string rule, string when, string then);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "group {Group}: rule {Rule} holds: {When}; fires at {At} if it still holds")]
    private partial void RulePending(string group, string rule, string when, string at);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "group {Group}: rule {Rule} stopped firing: {Why}")]
    private partial void RuleCleared(string group, string rule, string why);

    [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "group {Group}: link lost: no taking the VIPs back until the resources are in sync again")]
    private partial void LinkLostUnsynced(string group);

    [LoggerMessage(EventId = 706, Level = LogLevel.Warning, Message = "group {Group}: link up and resources in sync again since the link loss")]
    private partial void InSyncAgain(string group);

    [LoggerMessage(EventId = 707, Level = LogLevel.Warning, Message = "group {Group}: rules' hold-down cleared by admin")]
    private partial void HoldDownCleared(string group);

    [LoggerMessage(EventId = 709, Level = LogLevel.Warning, Message = "group {Group}: {Decision} (rule {Rules}) not carried out: maintenance")]
    private partial void WithheldInMaintenance(string group, string decision, string rules);

    [LoggerMessage(EventId = 708, Level = LogLevel.Error, Message = "group {Group}: rule evaluation failed: {Error}")]
    private partial void EvaluationFailed(string group, string error);
}
