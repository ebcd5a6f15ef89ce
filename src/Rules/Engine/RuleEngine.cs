using System.Collections.Immutable;
using Failover.Rules.Decisions;
using Failover.Rules.Facts;
using Failover.Rules.Language;

namespace Failover.Rules.Engine;

/// <summary>
/// Judges one snapshot of a group's facts against its rules and the built-in safety checks. Pure: no clock, no I/O;
/// time is <c>now</c>, and what must outlive one evaluation (for:, firing once, hold-down) travels in
/// <see cref="RuleMemory"/>, returned for the next call.
/// </summary>
public static class RuleEngine
{
    /// <param name="memory">The previous evaluation's <see cref="Evaluation.Memory"/>; null at start.</param>
    /// <exception cref="ArgumentException">Two rules share a name.</exception>
    public static Evaluation Evaluate(GroupFacts facts, IReadOnlyList<Rule> rules, DateTimeOffset now, RuleMemory? memory = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"two rules are named '{twice.Key}'", nameof(rules));
        memory ??= RuleMemory.Empty;

        var tracks = ImmutableSortedDictionary.CreateBuilder<string, RuleTrack>(StringComparer.Ordinal);
        var verdicts = new List<RuleVerdict>(rules.Count);
        var vetoes = new List<Veto>();
        var actions = new List<Decision>();
        var changes = new List<DateTimeOffset>();
        DateTimeOffset? holdUntil = memory.HoldDownUntil > now ? memory.HoldDownUntil : null;
        var holdRule = holdUntil is null ? null : memory.HoldDownRule;

        foreach (var rule in rules)
        {
            var seen = new List<ConditionExplanation>();
            var truth = rule.When.Evaluate(new FactContext(facts, now, seen));
            changes.AddRange(seen.Select(s => s.ChangesAt).OfType<DateTimeOffset>());
            if (truth != Truth.True)
            {
                // Not holding (or not known to hold) ends the run: for: counts again from the next time it holds.
                verdicts.Add(new RuleVerdict(rule, truth == Truth.Unknown ? RuleStatus.Unknown : RuleStatus.Idle, truth, seen, null, false, []));
                continue;
            }

            var track = memory.Rules.GetValueOrDefault(rule.Name) ?? new RuleTrack(now, null);
            var firesAt = track.HoldingSince + rule.For;
            if (now < firesAt)
            {
                tracks[rule.Name] = track;
                changes.Add(firesAt);
                verdicts.Add(new RuleVerdict(rule, RuleStatus.Pending, truth, seen, firesAt, false, []));
                continue;
            }

            var fires = track.FiredAt is not { } last || rule.Repeat is { } every && now >= last + every;
            if (fires)
                track = track with { FiredAt = now };
            tracks[rule.Name] = track;
            var handed = fires ? rule.Then.Where(d => d.IsAction || d is HoldDown).ToList() : [];
            if (rule.Repeat is { } repeat && rule.Then.Any(d => d.IsAction || d is HoldDown))
                changes.Add(track.FiredAt!.Value + repeat);
            actions.AddRange(handed.Where(d => d.IsAction));
            foreach (var hold in handed.OfType<HoldDown>())
            {
                if (holdUntil is null || now + hold.Duration > holdUntil)
                    (holdUntil, holdRule) = (now + hold.Duration, rule.Name);
            }
            if (rule.Then.Any(d => d is Demote))
                vetoes.Add(new Veto(VetoKind.Demotes, $"rule {rule.Name}", rule.When.Text));
            else if (rule.Then.Any(d => d is ForbidMaster))
                vetoes.Add(new Veto(VetoKind.ForbidsBecoming, $"rule {rule.Name}", rule.When.Text));
            verdicts.Add(new RuleVerdict(rule, RuleStatus.Firing, truth, seen, null, fires, handed));
        }

        var safety = SafetyChecks.Run(facts);
        vetoes.AddRange(safety.Where(s => !s.Passed).Select(s => new Veto(s.Blocks, "safety", s.Detail)));
        if (holdUntil is { } until)
        {
            vetoes.Add(new Veto(VetoKind.ForbidsBecoming, "hold-down", $"set by rule {holdRule}"));
            changes.Add(until);
        }

        var decisions = actions.Select((d, i) => (Decision: d, Index: i)).DistinctBy(d => d.Decision)
            .OrderBy(d => d.Decision.Rank).ThenBy(d => d.Index).Select(d => d.Decision).ToList();
        var next = changes.Where(t => t > now).Order().Cast<DateTimeOffset?>().FirstOrDefault();
        var remembered = new RuleMemory { Rules = tracks.ToImmutable(), HoldDownUntil = holdUntil, HoldDownRule = holdRule };
        return new Evaluation(now, vetoes.Count == 0, vetoes.TrueForAll(v => v.Kind != VetoKind.Demotes), vetoes, holdUntil,
            decisions, verdicts, safety, remembered, next);
    }
}
