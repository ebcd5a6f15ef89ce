namespace Failover.Daemon.Config;

/// <summary>
/// Binds the optional top-level <c>interfaces:</c> mapping, interface name → link debounce:
/// <c>interfaces: { eth0: { up_delay: 2s, down_delay: 0s } }</c>. Every listed interface must be one a
/// group uses (a typo would otherwise silently configure nothing).
/// </summary>
internal static class InterfacesBinder
{
    private static readonly string[] Keys = ["up_delay", "down_delay"];
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    public static IReadOnlyDictionary<string, LinkConfig> Bind(ConfigNode? node, IReadOnlyList<GroupDraft> groups, ValueReader read)
    {
        var links = new Dictionary<string, LinkConfig>(StringComparer.Ordinal);
        if (node is null)
            return links;
        if (node is not MappingNode map)
        {
            read.Report(node.Position, "interfaces must be a mapping of interface names, e.g. interfaces: { eth0: { down_delay: 0s, up_delay: 2s } }");
            return links;
        }
        var used = groups.Select(g => g.Interface?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            var name = entry.Key.Value;
            if (!InterfaceName.IsValid(name))
            {
                read.Report(entry.Key.Position, $"'{name}' is not {InterfaceName.Rule}");
                continue;
            }
            if (!used.Contains(name))
                read.Report(entry.Key.Position, $"interface {name} is not used by any group (groups use: {string.Join(", ", used.Order())})");
            if (BindDelays(entry.Value, name, read) is { } link)
                links[name] = link;
        }
        return links;
    }

    private static LinkConfig? BindDelays(ConfigNode node, string name, ValueReader read)
    {
        if (node.IsNull)
            return LinkConfig.Immediate;
        var map = KeyedMapping.Open(node, $"in interfaces.{name}", Keys,
            $"interfaces.{name} must be a mapping, e.g. {{ up_delay: 2s, down_delay: 0s }}", read.Errors);
        if (map is null)
            return null;
        var up = map.Optional("up_delay") is { } u ? read.Duration(u, "up_delay", TimeSpan.Zero, MaxDelay) : TimeSpan.Zero;
        var down = map.Optional("down_delay") is { } d ? read.Duration(d, "down_delay", TimeSpan.Zero, MaxDelay) : TimeSpan.Zero;
        return up is { } upDelay && down is { } downDelay ? new LinkConfig(upDelay, downDelay) : null;
    }
}
