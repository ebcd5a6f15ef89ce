using Failover.Actions.Chains;
using Failover.Actions.Steps;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds an on_master / on_backup list. A step is <c>- vip</c>, or a mapping whose kind is the one kind
/// key it holds (exec, drbd, mount, umount, service), with an optional <c>timeout</c> beside it.
/// New kinds register their keys and binder in <see cref="Kinds"/>.
/// </summary>
internal static class ChainStepBinder
{
    private sealed record StepKind(IReadOnlyList<string> Keys, Func<KeyedMapping, ChainKind, ValueReader, ChainStep?> Bind);

    private static readonly Dictionary<string, StepKind> Kinds = new()
    {
        [ExecStepBinder.Kind] = new StepKind(ExecStepBinder.Keys, ExecStepBinder.Bind),
        [DrbdStepBinder.Kind] = new StepKind(DrbdStepBinder.Keys, (map, _, read) => DrbdStepBinder.Bind(map, read)),
        [MountStepBinder.Kind] = new StepKind(MountStepBinder.Keys, (map, _, read) => MountStepBinder.Bind(map, read)),
        [MountStepBinder.UmountKind] = new StepKind(MountStepBinder.UmountKeys, (map, _, read) => MountStepBinder.BindUmount(map, read)),
        [ServiceStepBinder.Kind] = new StepKind(ServiceStepBinder.Keys, (map, _, read) => ServiceStepBinder.Bind(map, read)),
        [MailStepBinder.Kind] = new StepKind(MailStepBinder.Keys, (map, _, read) => MailStepBinder.Bind(map, read)),
    };

    private static readonly string[] AllKeys = Kinds.Values.SelectMany(k => k.Keys).Append("vip").Distinct().ToArray();

    private static readonly string KindList = $"one of the keys {string.Join(", ", Kinds.Keys)}, or write - vip";

    public static IReadOnlyList<ChainStep> BindList(ConfigNode? node, ChainKind chain, ValueReader read)
    {
        var key = Chain.NameOf(chain);
        if (node is null)
            return [];
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, $"{key} must be a list of steps, e.g. {key}: [{{ exec: [/etc/failover/script.sh] }}]");
            return [];
        }

        var steps = new List<ChainStep>();
        var vipSeen = false;
        foreach (var item in list.Items)
        {
            if (Bind(item, chain, read) is not { } step)
                continue;
            if (step is VipStep && vipSeen)
            {
                read.Report(item.Position, $"{key} has a vip step already; the VIPs move once per chain");
                continue;
            }
            vipSeen |= step is VipStep;
            steps.Add(step);
        }
        return steps.ToArray();
    }

    private static ChainStep? Bind(ConfigNode item, ChainKind chain, ValueReader read)
    {
        if (item is ScalarNode { Value: "vip" })
            return new VipStep(chain == ChainKind.VipUp);
        if (item is not MappingNode map)
        {
            read.Report(item.Position, "a step must be a mapping, e.g. - exec: [/etc/failover/vip-up.sh], or - vip");
            return null;
        }
        if (map.Find("vip") is { } vip)
        {
            read.Report(vip.Key.Position, "the vip step takes no options: write - vip");
            return null;
        }

        var kindKeys = map.Entries.Where(e => Kinds.ContainsKey(e.Key.Value)).Select(e => e.Key).ToArray();
        switch (kindKeys.Length)
        {
            case 0:
                var before = read.Errors.Count;
                KeyedMapping.Open(map, "in step", AllKeys, "", read.Errors);
                // An unknown key is most likely the misspelt kind ("exex"); say that only once.
                if (read.Errors.Count == before)
                    read.Report(map.Position, $"a step needs a kind: {KindList}");
                return null;
            case > 1:
                read.Report(kindKeys[1].Position,
                    $"a step has one kind, but this one has both '{kindKeys[0].Value}' and '{kindKeys[1].Value}'; make two steps");
                return null;
        }

        var kindName = kindKeys[0].Value;
        var kind = Kinds[kindName];
        var keyed = KeyedMapping.Open(map, $"in {kindName} step", kind.Keys, "", read.Errors)!;
        return kind.Bind(keyed, chain, read);
    }
}
