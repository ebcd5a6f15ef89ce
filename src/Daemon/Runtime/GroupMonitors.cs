using System.Collections.Immutable;
using Failover.Daemon.Config;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Rules.Facts;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// The health probes of one group, each on its own schedule. Their settled health is a fact of the
/// group, shown by status and logged on every change, and read by the group's rules (<see cref="IGroupProbeFacts"/>).
/// The probes are made here and owned here: disposing stops the runners, then disposes the probes that hold
/// something between runs (a drbdsetup events2 process, a kernel log reader).
/// </summary>
/// <remarks>
/// A <c>for: peer</c> monitor runs here like any other, but its result is about the peer: it is kept apart
/// (<see cref="ForPeer"/>, not <see cref="Probes"/>) and logged as <c>peer.NAME</c> (<see cref="PeerProbes"/>).
/// </remarks>
public sealed partial class GroupMonitors : IGroupProbeFacts, IAsyncDisposable
{
    private readonly string _group;
    private readonly ILogger _logger;
    private readonly List<(MonitorConfig Config, ProbeRunner Runner)> _runners = [];
    private readonly List<IProbe> _probes = [];
    private readonly List<string> _drbdNames = [];
    private long _drbdReads;

    public GroupMonitors(GroupConfig group, TimeProvider time, ILoggerFactory loggers)
    {
        _group = group.Name;
        _logger = loggers.CreateLogger("failoverd.probes");
        foreach (var monitor in group.Monitors)
        {
            var probe = ProbeFactory.Create(monitor, time);
            _probes.Add(probe);
            var runner = new ProbeRunner(probe, new ProbeSchedule(monitor.Interval, monitor.Timeout),
                new HealthPolicy(monitor.Rise, monitor.Fall, monitor.Initial), time);
            // A for-peer result is about the peer: logged under the fact name the rules read it by here.
            var name = monitor.For == MonitorFor.Peer ? $"peer.{monitor.Name}" : monitor.Name;
            var kind = monitor.Probe.Kind;
            runner.Transitioned += (_, t) =>
            {
                HealthChanged(_group, name, kind, Word(t.From), Word(t.To), t.Reason);
                Changed?.Invoke();
            };
            if (monitor.Probe is DrbdProbeSpec drbd)
            {
                // Every run reads DRBD afresh (roles, resync progress), not only those that change the health.
                _drbdNames.AddRange(DrbdFactNames.Of(drbd.Options));
                runner.ResultRecorded += (_, _) => DrbdRead();
                if (probe is DrbdProbe watched)
                    watched.StatesChanged += (_, _) => DrbdRead(); // a stream event between runs
            }
            _runners.Add((monitor, runner));
        }
    }

    public event Action? Changed;

    private void DrbdRead()
    {
        Interlocked.Increment(ref _drbdReads);
        Changed?.Invoke();
    }

    public void Start()
    {
        foreach (var (_, runner) in _runners)
            runner.Start();
    }

    public IReadOnlyList<(MonitorConfig Config, ProbeStatus Status)> Statuses() =>
        _runners.Select(r => (r.Config, r.Runner.Status)).ToArray();

    /// <summary>Runs one probe now, outside its schedule, for failoverctl probe; null if there is no such probe.</summary>
    public Task<ProbeResult>? RunOnce(string name) =>
        _runners.FirstOrDefault(r => r.Config.Name == name).Runner?.RunOnceAsync();

    public ImmutableSortedDictionary<string, ProbeFact> Probes() => Facts(MonitorFor.Self);

    public ImmutableSortedDictionary<string, ProbeFact> ForPeer() => Facts(MonitorFor.Peer);

    private ImmutableSortedDictionary<string, ProbeFact> Facts(MonitorFor subject) => _runners.Where(r => r.Config.For == subject)
        .ToImmutableSortedDictionary(r => r.Config.Name, r => Fact(r.Config, r.Runner.Status), StringComparer.Ordinal);

    private static ProbeFact Fact(MonitorConfig config, ProbeStatus status) =>
        new(config.Probe.Kind, status.Health, status.LastResult?.Reason, status.LastTransitionAt);

    public long DrbdReads => Interlocked.Read(ref _drbdReads);

    public ImmutableSortedDictionary<string, DrbdResourceState> Drbd() =>
        DrbdFactNames.Collect(_drbdNames, _probes.OfType<DrbdProbe>().SelectMany(p => p.LastStates));

    public bool Has(string name) => _runners.Any(r => r.Config.Name == name);

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, runner) in _runners)
            runner.Dispose();
        foreach (var probe in _probes.OfType<IAsyncDisposable>())
            await probe.DisposeAsync().ConfigureAwait(false);
    }

    public static string Word(ServiceHealth health) => health.ToString().ToUpperInvariant();

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "group {Group}: probe {Probe} ({Kind}) {From} -> {To}: {Reason}")]
    private partial void HealthChanged(string group, string probe, string kind, string from, string to, string reason);
}
