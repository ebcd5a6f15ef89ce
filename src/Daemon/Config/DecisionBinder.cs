using Failover.Rules.Decisions;
using Failover.Rules.Language;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds a rule's <c>then:</c> list. An item is a bare word (<c>demote</c>, <c>forbid_master</c>) or a mapping with
/// one key and its value (<c>hold_down: 4h</c>, <c>reconnect_drbd: r0</c>, <c>restart_service: smbd</c>,
/// <c>split_brain_recovery: r0</c>, <c>notify: "text"</c>).
/// </summary>
internal static class DecisionBinder
{
    private static readonly string[] Words = [Demote.Key, ForbidMaster.Key];

    private static readonly Dictionary<string, Func<ConfigNode, RuleScope, ValueReader, Decision?>> Keyed = new()
    {
        [HoldDown.Key] = (n, _, read) => read.Duration(n, "hold_down", TimeSpan.FromSeconds(1), TimeSpan.FromHours(168)) is { } d ? new HoldDown(d) : null,
        [ReconnectDrbd.Key] = (n, scope, read) => Resource(n, ReconnectDrbd.Key, scope, read) is { } r ? new ReconnectDrbd(r) : null,
        [SplitBrainRecovery.Key] = (n, scope, read) => Resource(n, SplitBrainRecovery.Key, scope, read) is { } r ? new SplitBrainRecovery(r) : null,
        [RestartService.Key] = (n, _, read) => read.Text(n, "restart_service must be a systemd unit name such as smbd or slapd.service",
            s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '_' or ':' or '-' or '\\')) is { } u ? new RestartService(u) : null,
        [Notify.Key] = (n, _, read) => read.Text(n, "notify must be the text of the message", s => s.Trim().Length > 0) is { } t ? new Notify(t) : null,
    };

    private static readonly string[] AllNames = [.. Words, .. Keyed.Keys];

    private const string ListExample = "then: [demote, { hold_down: 4h }, { notify: \"bind is down\" }]";

    public static IReadOnlyList<Decision>? BindList(ConfigNode node, RuleScope scope, ValueReader read)
    {
        if (node is not SequenceNode { Items.Count: > 0 } list)
        {
            read.Report(node.Position, $"then must be a non-empty list of decisions, e.g. {ListExample}");
            return null;
        }
        var decisions = new List<Decision>();
        var ok = true;
        foreach (var item in list.Items)
        {
            if (Bind(item, scope, read) is not { } decision)
            {
                ok = false;
                continue;
            }
            if (decisions.Any(d => d.GetType() == decision.GetType() && (d is HoldDown || d == decision)))
            {
                read.Report(item.Position, $"'{Name(decision)}' is given twice in this rule");
                ok = false;
            }
            else if (decisions.Any(d => d is Demote) && decision is ForbidMaster || decisions.Any(d => d is ForbidMaster) && decision is Demote)
            {
                read.Report(item.Position, "demote already forbids becoming MASTER while the rule holds: give demote or forbid_master, not both");
                ok = false;
            }
            decisions.Add(decision);
        }
        return ok ? decisions : null;
    }

    private static Decision? Bind(ConfigNode item, RuleScope scope, ValueReader read)
    {
        if (item is ScalarNode { IsNull: false } word)
        {
            switch (word.Value)
            {
                case Demote.Key:
                    return new Demote();
                case ForbidMaster.Key:
                    return new ForbidMaster();
            }
            read.Report(word.Position, Keyed.ContainsKey(word.Value)
                ? $"{word.Value} needs a value, e.g. {{ {word.Value}: {Sample(word.Value)} }}"
                : Unknown(word.Value));
            return null;
        }
        if (item is not MappingNode { Entries.Count: 1 } map)
        {
            read.Report(item.Position, $"a decision is a word (demote, forbid_master) or one key and its value, e.g. {{ notify: \"bind is down\" }}; {ListExample}");
            return null;
        }
        var (key, value) = (map.Entries[0].Key, map.Entries[0].Value);
        if (Words.Contains(key.Value))
        {
            read.Report(key.Position, $"{key.Value} takes no value: write it as a word in the list, e.g. then: [{key.Value}]");
            return null;
        }
        if (!Keyed.TryGetValue(key.Value, out var bind))
        {
            read.Report(key.Position, Unknown(key.Value));
            return null;
        }
        return bind(value, scope, read);
    }

    private static string? Resource(ConfigNode node, string key, RuleScope scope, ValueReader read)
    {
        if (read.Text(node, $"{key} must name a DRBD resource of this group") is not { } name)
            return null;
        if (scope.HasDrbd(name))
            return name;
        read.Report(node.Position, NameSuggestion.Closest(name, scope.DrbdResources) is { } near
            ? $"{key}: unknown DRBD resource '{name}' (did you mean '{near}'?)"
            : scope.DrbdResources.Count == 0
                ? $"{key}: this group has no DRBD resources (name them in a drbd monitor)"
                : $"{key}: unknown DRBD resource '{name}' (resources here: {string.Join(", ", scope.DrbdResources)})");
        return null;
    }

    private static string Unknown(string name) => NameSuggestion.Closest(name, AllNames) is { } near
        ? $"unknown decision '{name}' (did you mean '{near}'?)"
        : $"unknown decision '{name}' (decisions: {string.Join(", ", AllNames)})";

    private static string Sample(string key) => key switch
    {
        HoldDown.Key => "4h",
        RestartService.Key => "smbd",
        Notify.Key => "\"…\"",
        _ => "r0",
    };

    private static string Name(Decision decision) => decision.ToString().Split(':')[0];
}
