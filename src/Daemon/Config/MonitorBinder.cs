using Failover.Monitors.Health;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds a group's <c>monitors:</c> list. Each monitor has a name, exactly one probe kind key whose value
/// holds that probe's options (<c>dns: { … }</c>), and optional schedule keys. New probe kinds register
/// in <see cref="Kinds"/>.
/// </summary>
internal static class MonitorBinder
{
    private sealed record ProbeKind(IReadOnlyList<string> Keys, Func<KeyedMapping, TimeSpan, ValueReader, ProbeSpec?> Bind);

    private static readonly Dictionary<string, ProbeKind> Kinds = new()
    {
        [DnsProbeBinder.Kind] = new ProbeKind(DnsProbeBinder.Keys, DnsProbeBinder.Bind),
        [TcpProbeBinder.TcpKind] = new ProbeKind(TcpProbeBinder.Keys, TcpProbeBinder.BindTcp),
        [SambaProbeBinder.Kind] = new ProbeKind(SambaProbeBinder.Keys, SambaProbeBinder.Bind),
        [ExecProbeBinder.Kind] = new ProbeKind(ExecProbeBinder.Keys, ExecProbeBinder.Bind),
        [DhcpProbeBinder.Kind] = new ProbeKind(DhcpProbeBinder.Keys, DhcpProbeBinder.Bind),
        [LdapProbeBinder.Kind] = new ProbeKind(LdapProbeBinder.Keys, LdapProbeBinder.Bind),
        [DrbdProbeBinder.Kind] = new ProbeKind(DrbdProbeBinder.Keys, DrbdProbeBinder.Bind),
    };

    private static readonly string[] ScheduleKeys = ["name", "for", "interval", "timeout", "rise", "fall", "initial"];
    private static readonly string[] AllKeys = [.. ScheduleKeys, .. Kinds.Keys];

    /// <param name="forPeerAt">Where each <c>for: peer</c> is written: the whole file's check needs a <c>peer:</c> section then.</param>
    public static IReadOnlyList<MonitorConfig> BindList(ConfigNode? node, ValueReader read, ICollection<TextPosition>? forPeerAt = null)
    {
        if (node is null)
            return [];
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, "monitors must be a list, e.g. monitors: [{ name: bind, dns: { server: 127.0.0.1, query: www.example.test } }]");
            return [];
        }
        var monitors = new List<MonitorConfig>();
        foreach (var item in list.Items)
        {
            if (Bind(item, read, forPeerAt) is not { } monitor)
                continue;
            if (monitors.Any(m => m.Name == monitor.Name))
                read.Report(item.Position, $"monitor name '{monitor.Name}' is used twice in this group");
            monitors.Add(monitor);
        }
        return monitors;
    }

    private static MonitorConfig? Bind(ConfigNode item, ValueReader read, ICollection<TextPosition>? forPeerAt)
    {
        var map = KeyedMapping.Open(item, "in monitor", AllKeys,
            "a monitor must be a mapping, e.g. - name: bind\n    dns: { server: 127.0.0.1, query: www.example.test }", read.Errors);
        if (map is null)
            return null;
        var name = map.Required("name") is { } n
            ? read.Text(n, "monitor name must use only letters, digits, '-' and '_'", s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            : null;
        var interval = map.Optional("interval") is { } i
            ? read.Duration(i, "monitor interval", TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(24))
            : MonitorConfig.DefaultInterval;
        var timeout = map.Optional("timeout") is { } t
            ? read.Duration(t, "monitor timeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10))
            : MonitorConfig.DefaultTimeout;
        var rise = map.Optional("rise") is { } r ? read.Integer(r, 1, 100, "rise must be an integer from 1 to 100") : MonitorConfig.DefaultRise;
        var fall = map.Optional("fall") is { } f ? read.Integer(f, 1, 100, "fall must be an integer from 1 to 100") : MonitorConfig.DefaultFall;
        var initial = map.Optional("initial") is { } s
            ? read.Text(s, "initial must be unknown, up or down", v => Enum.TryParse<ServiceHealth>(v, true, out _))
            : "unknown";
        var probe = BindProbe(map, timeout ?? MonitorConfig.DefaultTimeout, read);
        var forWhom = map.Optional("for") is { } w
            ? read.Text(w, "for must be self (this node's service) or peer (the peer's service, run from here)", v => v is "self" or "peer")
            : "self";
        if (forWhom == "peer")
            forPeerAt?.Add(map.Optional("for")!.Position);

        if (name is null || probe is null || interval is null || timeout is null || rise is null || fall is null || initial is null || forWhom is null)
            return null;
        return new MonitorConfig(name, probe, interval.Value, timeout.Value, rise.Value, fall.Value,
            Enum.Parse<ServiceHealth>(initial, ignoreCase: true), forWhom == "peer" ? MonitorFor.Peer : MonitorFor.Self);
    }

    private static ProbeSpec? BindProbe(KeyedMapping map, TimeSpan timeout, ValueReader read)
    {
        var kinds = Kinds.Keys.Where(map.Has).ToArray();
        switch (kinds.Length)
        {
            case 0:
                read.Report(map.Position, $"a monitor needs a probe: one of the keys {string.Join(", ", Kinds.Keys)}");
                return null;
            case > 1:
                read.Report(map.KeyNode(kinds[1])!.Position,
                    $"a monitor has one probe, but this one has both '{kinds[0]}' and '{kinds[1]}'; make two monitors");
                return null;
        }
        var kind = Kinds[kinds[0]];
        var options = map.Required(kinds[0])!;
        var keyed = KeyedMapping.Open(options, $"in {kinds[0]}", kind.Keys,
            $"{kinds[0]} must be a mapping of its options ({string.Join(", ", kind.Keys)})", read.Errors);
        return keyed is null ? null : kind.Bind(keyed, timeout, read);
    }
}
