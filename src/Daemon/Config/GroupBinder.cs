using System.Net;
using Failover.Actions.Chains;
using Failover.Rules.Facts;
using Failover.Rules.Language;

namespace Failover.Daemon.Config;

/// <summary>Binds one entry of <c>groups:</c>, reporting every wrong key and value it finds.</summary>
internal static class GroupBinder
{
    private static readonly string[] Keys =
    [
        "name", "vhid", "interface", "source", "password", "password_file", "advbase", "advskew", "deadratio",
        "preempt", "neutral", "vips", "garp", "on_master", "on_backup", "chain_hold_down", "monitors", "rules", "sync", SplitBrainBinder.Key,
    ];

    public static GroupDraft? Bind(ConfigNode node, ValueReader read)
    {
        var map = KeyedMapping.Open(node, "in group", Keys,
            "a group must be a mapping with at least name, vhid, interface, password_file (or password) and vips", read.Errors);
        if (map is null)
            return null;

        var name = Locate(map.Required("name"), n => read.Text(n, NameRule, IsGroupName));
        var vhid = Locate(map.Required("vhid"), n => (byte?)read.Integer(n, 1, 255, "vhid must be an integer from 1 to 255"));
        var iface = Locate(map.Required("interface"), n => read.Text(n, InterfaceRule, InterfaceName.IsValid));
        var source = map.Optional("source") is { } src ? ReadSource(src, read) : null;
        var password = GroupPasswordBinder.Bind(map, read);
        var advBase = OptionalByte(map, "advbase", 1, GroupConfig.DefaultAdvBase, "advbase must be an integer from 1 to 255 (seconds)", read);
        var advSkew = OptionalByte(map, "advskew", 0, GroupConfig.DefaultAdvSkew, "advskew must be an integer from 0 to 255", read);
        var deadRatio = OptionalByte(map, "deadratio", 1, GroupConfig.DefaultDeadRatio, "deadratio must be an integer from 1 to 255", read);
        var preempt = OptionalBoolean(map, "preempt", read);
        var neutral = OptionalBoolean(map, "neutral", read);
        var vips = VipListBinder.Bind(map.Required("vips"), read);
        var garp = GarpBinder.Bind(map.Optional("garp"), read);
        var onMaster = ChainStepBinder.BindList(map.Optional("on_master"), ChainKind.VipUp, read);
        var onBackup = ChainStepBinder.BindList(map.Optional("on_backup"), ChainKind.VipDown, read);
        var holdDown = map.Optional("chain_hold_down") is { } hold
            ? read.Duration(hold, "chain_hold_down", TimeSpan.FromSeconds(1), TimeSpan.FromHours(24))
            : GroupConfig.DefaultChainHoldDown;
        var forPeerAt = new List<TextPosition>();
        var monitors = MonitorBinder.BindList(map.Optional("monitors"), read, forPeerAt);
        var rules = RulesBinder.BindList(map.Optional("rules"), ScopeOf(monitors), read);
        var syncNode = map.Optional("sync");
        var sync = syncNode is null ? null : SyncBinder.Bind(syncNode, read);
        var splitBrain = SplitBrainBinder.Bind(map.Optional(SplitBrainBinder.Key), monitors, [.. onMaster, .. onBackup], read);

        if (source is { } s && vips.Any(v => v.Value.Address.Equals(s.Value)))
            read.Report(s.Position, $"source {s.Value} is also a VIP of this group; source must be this node's own address");

        // Build only from what was read correctly; the loader discards it anyway if any error was reported.
        GroupConfig? config = name is null || vhid is null || iface is null || password is null || vips.Count == 0
            || advBase is null || advSkew is null || deadRatio is null || preempt is null || neutral is null || holdDown is null
            ? null
            : new GroupConfig(name.Value.Value, vhid.Value.Value, iface.Value.Value, source?.Value,
                password.Bytes, password.File, advBase.Value, advSkew.Value, deadRatio.Value, preempt.Value,
                neutral.Value, vips.Select(v => v.Value).ToArray(), garp, onMaster, onBackup, holdDown.Value, monitors, rules, sync)
                { SplitBrain = splitBrain };
        return new GroupDraft(map.Position, config, name, iface, vhid, vips, forPeerAt, syncNode?.Position)
            { SplitBrainAt = map.KeyNode(SplitBrainBinder.Key)?.Position };
    }

    /// <summary>What the group's rules may name: its monitors, and the DRBD resources its drbd monitors watch.</summary>
    private static RuleScope ScopeOf(IReadOnlyList<MonitorConfig> monitors) => new(
        monitors.Select(m => m.Name).ToArray(),
        monitors.Select(m => m.Probe).OfType<DrbdProbeSpec>().SelectMany(d => DrbdFactNames.Of(d.Options)).Distinct().ToArray());

    private const string NameRule = "group name must be non-empty and use only letters, digits, '-' and '_'";

    private const string InterfaceRule = "interface must be " + InterfaceName.Rule;

    private static bool IsGroupName(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static byte? OptionalByte(KeyedMapping map, string key, int min, byte fallback, string message, ValueReader read) =>
        map.Optional(key) is { } node ? (byte?)read.Integer(node, min, 255, message) : fallback;

    // ucarp's flags (--preempt, --neutral) are off unless given.
    private static bool? OptionalBoolean(KeyedMapping map, string key, ValueReader read) =>
        map.Optional(key) is { } node ? read.Boolean(node, $"{key} must be true or false") : false;

    private static Located<T>? Locate<T>(ConfigNode? node, Func<ConfigNode, T?> read) where T : struct =>
        node is not null && read(node) is { } value ? new Located<T>(value, node.Position) : null;

    private static Located<string>? Locate(ConfigNode? node, Func<ConfigNode, string?> read) =>
        node is not null && read(node) is { } value ? new Located<string>(value, node.Position) : null;

    private static Located<IPAddress>? ReadSource(ConfigNode node, ValueReader read)
    {
        const string rule = "source must be a unicast IPv4 address such as 10.4.0.102";
        return read.Text(node, rule, text => Ipv4Text.TryParse(text, out var a) && Ipv4Text.IsUnicast(a)) is { } valid
            ? new Located<IPAddress>(IPAddress.Parse(valid), node.Position)
            : null;
    }

}
