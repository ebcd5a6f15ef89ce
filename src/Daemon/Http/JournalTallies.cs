using System.Globalization;
using Failover.Daemon.Journal;

namespace Failover.Daemon.Http;

/// <summary>
/// Counts what the metrics need from the journal as it is appended: transitions by cause, and chain step
/// durations. Counts start at zero with the daemon, as Prometheus counters do.
/// </summary>
public sealed class JournalTallies : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Group, string To, string Cause), long> _transitions = [];
    private readonly Dictionary<(string Group, string Chain, string Step, string Result), Histogram> _steps = [];
    private readonly IEventJournal? _journal;

    /// <param name="journal">Null: no journal, so nothing is ever counted.</param>
    public JournalTallies(IEventJournal? journal)
    {
        _journal = journal;
        if (journal is not null)
            journal.Appended += Count;
    }

    private void Count(JournalEvent e)
    {
        if (e.Kind == JournalKinds.Transition && e.Fields.TryGetValue("to", out var to))
        {
            var key = (e.Group ?? "", to.ToLowerInvariant(), TransitionCause.Classify(e.Fields.GetValueOrDefault("reason", "")));
            lock (_gate)
                _transitions[key] = _transitions.GetValueOrDefault(key) + 1;
        }
        else if (e.Kind == JournalKinds.ChainStep
            && double.TryParse(e.Fields.GetValueOrDefault("duration_ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms >= 0)
        {
            var key = (e.Group ?? "", e.Fields.GetValueOrDefault("chain", ""), e.Fields.GetValueOrDefault("step", ""),
                e.Fields.GetValueOrDefault("result", ""));
            lock (_gate)
            {
                if (!_steps.TryGetValue(key, out var histogram))
                    _steps[key] = histogram = new Histogram();
                histogram.Observe(ms / 1000);
            }
        }
    }

    public IReadOnlyList<TransitionCount> Transitions()
    {
        lock (_gate)
            return _transitions.Select(t => new TransitionCount(t.Key.Group, t.Key.To, t.Key.Cause, t.Value))
                .OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.To, StringComparer.Ordinal)
                .ThenBy(t => t.Cause, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<StepDurations> Steps()
    {
        lock (_gate)
            return _steps.Select(s => new StepDurations(s.Key.Group, s.Key.Chain, s.Key.Step, s.Key.Result, s.Value.Buckets.ToArray(), s.Value.Sum, s.Value.Count))
                .OrderBy(s => s.Group, StringComparer.Ordinal).ThenBy(s => s.Chain, StringComparer.Ordinal)
                .ThenBy(s => s.Step, StringComparer.Ordinal).ThenBy(s => s.Result, StringComparer.Ordinal).ToArray();
    }

    public void Dispose()
    {
        if (_journal is not null)
            _journal.Appended -= Count;
    }

    private sealed class Histogram
    {
        public long[] Buckets { get; } = new long[StepDurations.UpperBounds.Count + 1];
        public double Sum { get; private set; }
        public long Count { get; private set; }

        public void Observe(double seconds)
        {
            var index = 0;
            while (index < StepDurations.UpperBounds.Count && seconds > StepDurations.UpperBounds[index])
                index++;
            Buckets[index]++;
            Sum += seconds;
            Count++;
        }
    }
}
