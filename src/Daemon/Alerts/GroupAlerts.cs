using Failover.Actions.Chains;
using Failover.Actions.Steps;
using Failover.Daemon.Config;
using Failover.Daemon.Runtime;

namespace Failover.Daemon.Alerts;

/// <summary>
/// Watches one group for what the admins must hear (its chains, its probes while MASTER) and posts it.
/// The group's events fire under its lock, so the snapshot and the diff run on the thread pool, one at
/// a time, each against the last snapshot.
/// </summary>
public sealed class GroupAlerts : IStepMail, IDisposable
{
    private readonly Lock _lock = new();
    private readonly GroupRuntime _runtime;
    private readonly GroupMonitors _monitors;
    private readonly AlertComposer _composer;
    private readonly IAlertOutbox _outbox;
    private readonly TimeProvider _time;
    private readonly Func<string, PeerLine?>? _peer;
    private readonly Func<IReadOnlyList<ProbeLine>>? _measuredByPeer;
    private readonly string? _peerNode;
    private AlertSnapshot? _last;
    private bool _stopped;

    /// <param name="peer">The peer's view of a group by name, for the bodies; null: no peer channel.</param>
    /// <param name="measuredByPeer">The peer's <c>for: peer</c> results about this node's group; null: no peer channel.</param>
    /// <param name="peerNode">The peer's name, which this node's <c>for: peer</c> monitors measure.</param>
    public GroupAlerts(GroupRuntime runtime, GroupMonitors monitors, AlertComposer composer, IAlertOutbox outbox, TimeProvider time,
        Func<string, PeerLine?>? peer = null, Func<IReadOnlyList<ProbeLine>>? measuredByPeer = null, string? peerNode = null)
    {
        _peerNode = peerNode;
        _measuredByPeer = measuredByPeer;
        _peer = peer;
        _runtime = runtime;
        _monitors = monitors;
        _composer = composer;
        _outbox = outbox;
        _time = time;
    }

    /// <summary>Takes the first snapshot (nothing is mailed for it) and starts watching.</summary>
    public void Start()
    {
        lock (_lock)
            _last = Snapshot();
        _runtime.FactsChanged += Queue;
        _monitors.Changed += Queue;
        _runtime.StepMail.Target = this;
    }

    public AlertSnapshot Snapshot()
    {
        var status = _runtime.Status();
        var statuses = _monitors.Statuses();
        IEnumerable<ProbeLine> Lines(MonitorFor subject, string? about) => statuses.Where(m => m.Config.For == subject)
            .Select(m => new ProbeLine(m.Config.Name, m.Config.Probe.Kind, GroupMonitors.Word(m.Status.Health), m.Status.LastResult?.Reason,
                About: about));
        return new(status, [.. Lines(MonitorFor.Self, null), .. _measuredByPeer?.Invoke() ?? [], .. Lines(MonitorFor.Peer, _peerNode ?? "the peer")],
            _peer?.Invoke(status.Name), _monitors.Drbd());
    }

    /// <summary>The peer's view changed: what it measured of this node may have.</summary>
    public void PeerChanged() => Queue();

    /// <summary>A rule's notify decision (from the rules' action task).</summary>
    public void Notify(string rules, string text) => _outbox.Post(_composer.Notify(rules, text, Snapshot(), _time.GetUtcNow()));

    public void AdminCommand(string command, string caller, string? refusal) =>
        _outbox.Post(_composer.AdminCommand(command, caller, refusal, Snapshot(), _time.GetUtcNow()));

    /// <summary>A failed config sync push.</summary>
    public void SyncFailed(string target, string error, string report) =>
        _outbox.Post(_composer.SyncFailed(target, error, report, Snapshot(), _time.GetUtcNow()));

    /// <summary>A chain's mail step: spooled (or logged) at once; a dead relay does not fail the chain.</summary>
    public StepOutcome Post(MailStep step)
    {
        _outbox.Post(_composer.MailStep(step.Subject, step.Text, Snapshot(), _time.GetUtcNow()));
        return StepOutcome.Ok(_outbox.Mails ? "spooled" : "logged only (no mail: in failover.yaml)");
    }

    private void Queue() => ThreadPool.QueueUserWorkItem(_ => Check());

    private void Check()
    {
        lock (_lock)
        {
            if (_stopped)
                return;
            var now = Snapshot();
            var alerts = _composer.Changes(_last, now, _time.GetUtcNow());
            _last = now;
            foreach (var alert in alerts)
                _outbox.Post(alert);
        }
    }

    /// <summary>Stops watching after one last look, so what the group did while stopping is posted too.</summary>
    public void Dispose()
    {
        _runtime.StepMail.Target = null;
        _runtime.FactsChanged -= Queue;
        _monitors.Changed -= Queue;
        Check();
        lock (_lock)
            _stopped = true;
    }
}
