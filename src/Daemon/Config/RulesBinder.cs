using Failover.Rules.Decisions;
using Failover.Rules.Engine;
using Failover.Rules.Language;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds a group's <c>rules:</c> list:
/// <code>
/// - name: dns-dhcp-down
///   when: "state == master and (probe.bind == down or probe.dhcpd == down)"
///   for: 3s
///   then: [demote, { hold_down: 4h }, { notify: "bind or dhcpd down: VIPs handed to the peer" }]
/// </code>
/// A condition's errors point at the exact token inside the <c>when:</c> text.
/// </summary>
internal static class RulesBinder
{
    private static readonly string[] Keys = ["name", "when", "for", "repeat", "then"];

    private const string Example = "- name: bind-down\n    when: \"state == master and probe.bind == down\"\n    then: [demote, { notify: \"bind is down\" }]";

    /// <param name="scope">The group's probe and DRBD names, which conditions and decisions may use.</param>
    public static IReadOnlyList<Rule> BindList(ConfigNode? node, RuleScope scope, ValueReader read)
    {
        if (node is null)
            return [];
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, $"rules must be a list of rules, e.g.\n  {Example}");
            return [];
        }
        var rules = new List<Rule>();
        foreach (var item in list.Items)
        {
            if (Bind(item, scope, read) is not { } rule)
                continue;
            if (rules.Any(r => r.Name == rule.Name))
                read.Report(item.Position, $"rule name '{rule.Name}' is used twice in this group");
            else
                rules.Add(rule);
        }
        return rules;
    }

    private static Rule? Bind(ConfigNode item, RuleScope scope, ValueReader read)
    {
        var map = KeyedMapping.Open(item, "in rule", Keys, $"a rule must be a mapping, e.g.\n  {Example}", read.Errors);
        if (map is null)
            return null;
        var name = map.Required("name") is { } n
            ? read.Text(n, "rule name must use only letters, digits, '-' and '_'", s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            : null;
        var when = map.Required("when") is { } w ? Condition(w, scope, read) : null;
        var holdFor = map.Optional("for") is { } f ? read.Duration(f, "for", TimeSpan.Zero, TimeSpan.FromHours(24)) : TimeSpan.Zero;
        var repeatNode = map.Optional("repeat");
        var repeat = repeatNode is null ? null : read.Duration(repeatNode, "repeat", TimeSpan.FromSeconds(10), TimeSpan.FromHours(168));
        var then = map.Required("then") is { } t ? DecisionBinder.BindList(t, scope, read) : null;

        if (repeatNode is not null && then is not null && !then.Any(d => d.IsAction || d is HoldDown))
            read.Report(repeatNode.Position,
                "repeat hands a rule's actions and hold_down out again, but this rule has none (demote and forbid_master last as long as the rule holds)");
        if (name is null || when is null || holdFor is null || then is null || (repeatNode is not null && repeat is null))
            return null;
        return new Rule(name, when, then) { For = holdFor.Value, Repeat = repeat };
    }

    private static Condition? Condition(ConfigNode node, RuleScope scope, ValueReader read)
    {
        if (node is not ScalarNode { IsNull: false } text)
        {
            read.Report(node.Position, "when must be a condition, e.g. when: \"state == master and probe.bind == down\"");
            return null;
        }
        var parsed = ConditionParser.Parse(text.Value, scope);
        foreach (var error in parsed.Errors)
            read.Report(text.PositionAt(error.Offset), error.Message);
        return parsed.Ok ? parsed.Condition : null;
    }
}
