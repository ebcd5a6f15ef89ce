using System.Globalization;
using Failover.Control;
using Failover.Monitors.Drbd;
using Failover.Rules.Engine;
using Failover.Rules.Facts;
using Failover.Rules.Language;

namespace Failover.Rules.Explain;

/// <summary>Turns a snapshot and its evaluation into the control protocol's <see cref="ExplainReport"/>.</summary>
public static class ExplainReports
{
    public static ExplainReport Of(GroupFacts facts, Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(evaluation);
        return new ExplainReport(
            facts.Group,
            evaluation.At,
            FactsOf(facts, evaluation.At, ""),
            evaluation.Rules.Select(Rule).ToList(),
            evaluation.Safety.Select(s => new SafetyReport(s.Check, s.Passed, s.Detail, Blocks(s.Blocks))).ToList(),
            evaluation.MayBecomeMaster,
            evaluation.MayStayMaster,
            evaluation.Vetoes.Select(v => new VetoReport(Kind(v.Kind), v.Source, v.Reason)).ToList(),
            evaluation.HoldDownUntil,
            evaluation.Decisions.Select(d => d.ToString()).ToList(),
            evaluation.NextChange);
    }

    /// <summary>The facts under the names conditions use, in a fixed order.</summary>
    private static IReadOnlyList<FactReport> FactsOf(GroupFacts facts, DateTimeOffset now, string prefix)
    {
        var list = new List<FactReport>
        {
            new(prefix + "state", FactWords.Of(facts.State)),
            new(prefix + "master", facts.MasterSeen?.ToString() ?? "none"),
            new(prefix + "link", facts.LinkUp ? "up" : "down"),
        };
        foreach (var (name, probe) in facts.Probes)
        {
            var since = probe.Since is { } at ? $"for {Elapsed.Format(now - at)}" : "since start";
            list.Add(new(prefix + "probe." + name, FactWords.Of(probe.Health),
                $"{since} ({probe.Kind}{(probe.MeasuredBy is { } by ? $", measured by {by}" : "")}): {probe.Reason ?? "no result yet"}"));
        }
        foreach (var (name, drbd) in facts.Drbd)
            list.Add(new(prefix + "drbd." + name, $"{drbd.ConnectionState} {drbd.LocalRole}/{drbd.PeerRole} {drbd.LocalDisk}/{drbd.PeerDisk}", DrbdDetail(drbd)));
        list.Add(new(prefix + "in_sync", YesNo(facts.ResourcesInSync)));
        list.Add(new(prefix + "maintenance", OnOff(facts.Maintenance)));
        list.Add(new(prefix + "standby", OnOff(facts.Standby)));
        list.Add(new(prefix + "preference", FactWords.Of(facts.Preference)));
        list.Add(new(prefix + "since_transition", facts.LastTransitionAt is { } t ? Elapsed.Format(now - t) : "no transition since start"));
        list.Add(new(prefix + "vip_up_failed", facts.VipUpFailedAt is { } f ? $"yes, {Elapsed.Format(now - f)} ago" : "no"));
        list.Add(new(prefix + "link_lost_unsynced", YesNo(facts.LinkLostUnsynced)));
        if (prefix.Length == 0)
        {
            list.Add(new("peer.reachable", YesNo(facts.PeerReachable)));
            if (facts.Peer is { } peer)
                list.AddRange(FactsOf(peer, now, "peer."));
            else
                list.Add(new("peer", "not known"));
        }
        return list;
    }

    private static RuleReport Rule(RuleVerdict verdict)
    {
        var rule = verdict.Rule;
        return new RuleReport(
            rule.Name,
            rule.When.Text,
            rule.For > TimeSpan.Zero ? DurationLiteral.Format(rule.For) : null,
            rule.Repeat is { } r ? DurationLiteral.Format(r) : null,
            rule.Then.Select(d => d.ToString()).ToList(),
            verdict.Status.ToString().ToLowerInvariant(),
            verdict.PendingUntil,
            verdict.FiredNow,
            verdict.Seen.Select(s => new ConditionReport(s.Text, Word(s.Value), s.Shown)).ToList());
    }

    private static string? DrbdDetail(DrbdResourceState drbd)
    {
        var parts = new List<string>();
        if (drbd.SyncPercent is { } p)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"resync {p:0.#}%"));
        if (drbd.SplitBrain)
            parts.Add("split brain");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string Word(Truth truth) => truth.ToString().ToLowerInvariant();

    internal static string Kind(VetoKind kind) => kind == VetoKind.Demotes ? "demotes" : "forbids-becoming";

    private static string Blocks(VetoKind kind) => kind == VetoKind.Demotes ? "staying" : "becoming";

    private static string YesNo(bool yes) => yes ? "yes" : "no";

    private static string OnOff(bool on) => on ? "on" : "off";
}
