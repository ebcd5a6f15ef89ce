namespace Failover.Daemon.Config;

/// <summary>
/// Binds an on_master / on_backup list. A step's kind is the one kind key it holds (only exec so far);
/// new kinds register their keys and binder in <see cref="Kinds"/>.
/// </summary>
internal static class HookStepBinder
{
    private sealed record StepKind(IReadOnlyList<string> Keys, Func<KeyedMapping, ValueReader, HookStep?> Bind);

    private static readonly Dictionary<string, StepKind> Kinds = new()
    {
        [ExecStepBinder.Kind] = new StepKind(ExecStepBinder.Keys, ExecStepBinder.Bind),
    };

    private static readonly string[] AllKeys = Kinds.Values.SelectMany(k => k.Keys).Distinct().ToArray();

    /// <param name="key">on_master or on_backup, for messages.</param>
    public static IReadOnlyList<HookStep> BindList(ConfigNode? node, string key, ValueReader read)
    {
        if (node is null)
            return [];
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, $"{key} must be a list of steps, e.g. {key}: [{{ exec: [/etc/failover/script.sh] }}]");
            return [];
        }

        var steps = new List<HookStep>();
        foreach (var item in list.Items)
        {
            if (Bind(item, read) is { } step)
                steps.Add(step);
        }
        return steps.ToArray();
    }

    private static HookStep? Bind(ConfigNode item, ValueReader read)
    {
        if (item is not MappingNode map)
        {
            read.Report(item.Position, "a step must be a mapping, e.g. - exec: [/etc/failover/vip-up.sh]");
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
                    read.Report(map.Position, $"a step needs a kind: one of the keys {string.Join(", ", Kinds.Keys)}");
                return null;
            case > 1:
                read.Report(kindKeys[1].Position,
                    $"a step has one kind, but this one has both '{kindKeys[0].Value}' and '{kindKeys[1].Value}'; make two steps");
                return null;
        }

        var kindName = kindKeys[0].Value;
        var kind = Kinds[kindName];
        var keyed = KeyedMapping.Open(map, $"in {kindName} step", kind.Keys, "", read.Errors)!;
        return kind.Bind(keyed, read);
    }
}
