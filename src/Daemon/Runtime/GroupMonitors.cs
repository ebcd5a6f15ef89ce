using Failover.Daemon.Config;
using Failover.Monitors.Health;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// The health probes of one group, each on its own schedule. Their settled health is a fact of the
/// group, shown by status and logged on every change; acting on it is for the rules (a later issue).
/// The probes are made here and owned here: disposing stops the runners, then disposes the probes that hold
/// something between runs (a drbdsetup events2 process, a kernel log reader).
/// </summary>
public sealed partial class GroupMonitors : IAsyncDisposable
{
    private readonly string _group;
    private readonly ILogger _logger;
    private readonly List<(MonitorConfig Config, ProbeRunner Runner)> _runners = [];
    private readonly List<IProbe> _probes = [];

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
            var name = monitor.Name;
            var kind = monitor.Probe.Kind;
            runner.Transitioned += (_, t) => HealthChanged(_group, name, kind, Word(t.From), Word(t.To), t.Reason);
            _runners.Add((monitor, runner));
        }
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
