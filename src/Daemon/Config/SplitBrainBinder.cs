using Failover.Actions.Steps;
using Failover.Actions.SplitBrain;
using Failover.Monitors.Drbd;
using Failover.Rules.Facts;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>split_brain: { policy: survivor, survivor: n1, resources: [r0], stop_services: [smbd] }</c>. A resource
/// is a drbdadm resource name; with a /proc/drbd monitor (facts by minor) it is written <c>{ resource: r0, minor: 0 }</c>.
/// </summary>
internal static class SplitBrainBinder
{
    public const string Key = "split_brain";

    private static readonly string[] Keys =
        ["policy", "survivor", "resources", "drbd_version", "stop_services", "unmount", "drbdadm", "systemctl", "umount", "failoverctl", "control_socket", "timeout"];

    private static readonly string[] ResourceKeys = ["resource", "minor"];

    public static SplitBrainConfig? Bind(ConfigNode? node, IReadOnlyList<MonitorConfig> monitors,
        IReadOnlyList<Failover.Actions.Chains.ChainStep> steps, ValueReader read)
    {
        if (node is null)
            return null;
        var map = KeyedMapping.Open(node, "in split_brain", Keys,
            "split_brain must be a mapping, e.g. split_brain: { policy: survivor, survivor: n1, resources: [r0] }", read.Errors);
        if (map is null)
            return null;
        var kind = map.Required("policy") is { } p
            ? read.Text(p, "split_brain policy must be manual, survivor or last_primary", v => v is "manual" or "survivor" or "last_primary")
            : null;
        string? survivor = null;
        if (map.Optional("survivor") is { } s)
            survivor = read.Text(s, "split_brain survivor must be a node name", v => v.Length > 0 && !v.Any(char.IsWhiteSpace));
        if (kind == "survivor" && survivor is null && !map.Has("survivor"))
            read.Report(map.Position, "split_brain policy survivor needs survivor: NODE (the node whose data is kept)");
        if (kind is "manual" or "last_primary" && map.KeyNode("survivor") is { } extra)
            read.Report(extra.Position, $"split_brain survivor is only for policy survivor (policy is {kind})");

        var drbd = monitors.Select(m => m.Probe).OfType<DrbdProbeSpec>().ToArray();
        if (drbd.Length == 0)
            read.Report(map.Position, "split_brain needs a drbd monitor in the group: the split brain and the resync are read from it");
        var watched = drbd.SelectMany(d => DrbdFactNames.Of(d.Options)).ToHashSet(StringComparer.Ordinal);
        var facts = Resources(map.Required("resources"), watched, drbd.Length > 0, read);

        DrbdSyntax? syntax = map.Optional("drbd_version") is { } v
            ? read.Text(v, "split_brain drbd_version must be 9 or 8.4", t => t is "9" or "8.4") switch
            {
                "9" => DrbdSyntax.Drbd9,
                "8.4" => DrbdSyntax.Drbd84,
                _ => null,
            }
            : drbd.FirstOrDefault()?.Options.Source switch
            {
                null => null,
                DrbdSource.ProcDrbd => DrbdSyntax.Drbd84,
                _ => DrbdSyntax.Drbd9,
            };
        var stop = Names(map.Optional("stop_services"), "split_brain stop_services", read);
        var unmount = Names(map.Optional("unmount"), "split_brain unmount", read, absolute: true);
        var drbdadm = map.Optional("drbdadm") is { } d
            ? read.AbsolutePath(d, "split_brain drbdadm must be the absolute path of drbdadm")
            : steps.OfType<DrbdStep>().FirstOrDefault()?.Command ?? DrbdStep.DefaultCommand;
        var systemctl = map.Optional("systemctl") is { } c
            ? read.AbsolutePath(c, "split_brain systemctl must be the absolute path of systemctl")
            : steps.OfType<ServiceStep>().FirstOrDefault()?.Command ?? ServiceStep.DefaultCommand;
        var umount = map.Optional("umount") is { } u
            ? read.AbsolutePath(u, "split_brain umount must be the absolute path of umount")
            : SplitBrainPolicy.DefaultUmount;
        var failoverctl = map.Optional("failoverctl") is { } f
            ? read.AbsolutePath(f, "split_brain failoverctl must be the absolute path of failoverctl")
            : SplitBrainPolicy.DefaultFailoverctl;
        var controlSocket = map.Optional("control_socket") is { } cs
            ? read.AbsolutePath(cs, "split_brain control_socket must be the absolute path of the peer's control socket")
            : null;
        var timeout = map.Optional("timeout") is { } t
            ? read.Duration(t, "split_brain timeout", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            : SplitBrainPolicy.DefaultCommandTimeout;

        if (kind is null || (kind == "survivor" && survivor is null) || facts is null || syntax is null || stop is null || unmount is null
            || drbdadm is null || systemctl is null || umount is null || failoverctl is null
            || (map.Optional("control_socket") is not null && controlSocket is null) || timeout is null)
            return null;
        var policy = new SplitBrainPolicy(kind switch
            {
                "survivor" => SplitBrainPolicyKind.Survivor,
                "last_primary" => SplitBrainPolicyKind.LastPrimary,
                _ => SplitBrainPolicyKind.Manual,
            }, survivor, facts.Keys.ToArray(), stop, unmount, drbdadm, systemctl, timeout.Value) { Umount = umount, Failoverctl = failoverctl, ControlSocket = controlSocket };
        return new SplitBrainConfig(policy, syntax.Value, facts);
    }

    private static Dictionary<string, string>? Resources(ConfigNode? node, HashSet<string> watched, bool anyMonitor, ValueReader read)
    {
        if (node is null)
            return null;
        if (node is not SequenceNode { Items.Count: > 0 } list)
        {
            read.Report(node.Position, "split_brain resources must be a non-empty list of drbdadm resource names, e.g. [r0]");
            return null;
        }
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var item in list.Items)
        {
            string? resource;
            string? fact;
            if (item is MappingNode)
            {
                var entry = KeyedMapping.Open(item, "in a split_brain resource", ResourceKeys,
                    "a split_brain resource is a name (r0) or { resource: r0, minor: 0 }", read.Errors);
                resource = entry?.Required("resource") is { } r ? read.Text(r, "split_brain resource must be a resource name such as r0", StepWords.IsName) : null;
                fact = entry?.Required("minor") is { } m && read.Integer(m, 0, 1048575, "split_brain minor must be a device minor number") is { } minor
                    ? $"minor{minor}"
                    : null;
            }
            else
            {
                resource = read.Text(item, "split_brain resource must be a resource name such as r0", StepWords.IsName);
                fact = resource;
            }
            if (resource is null || fact is null)
            {
                ok = false;
                continue;
            }
            if (anyMonitor && !watched.Contains(fact))
            {
                read.Report(item.Position, $"split_brain resource {resource}: no drbd monitor of the group watches {fact} (watched: {string.Join(", ", watched)})");
                ok = false;
            }
            else if (!facts.TryAdd(resource, fact))
            {
                read.Report(item.Position, $"split_brain resource {resource} is listed twice");
                ok = false;
            }
        }
        return ok ? facts : null;
    }

    private static IReadOnlyList<string>? Names(ConfigNode? node, string what, ValueReader read, bool absolute = false)
    {
        if (node is null)
            return [];
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, $"{what} must be a list");
            return null;
        }
        var items = list.Items.Select(i => absolute
            ? read.AbsolutePath(i, $"{what} must list absolute paths")
            : read.Text(i, $"{what} must list unit names", StepWords.IsName)).ToArray();
        return items.Any(i => i is null) ? null : items.Select(i => i!).ToArray();
    }
}
