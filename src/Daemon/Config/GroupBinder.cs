using System.Net;
using System.Text;

namespace Failover.Daemon.Config;

/// <summary>Binds one entry of <c>groups:</c>, reporting every wrong key and value it finds.</summary>
internal static class GroupBinder
{
    private static readonly string[] Keys =
    [
        "name", "vhid", "interface", "source", "password", "password_file", "advbase", "advskew", "deadratio",
        "preempt", "neutral", "vips", "garp", "on_master", "on_backup",
    ];

    public static GroupDraft? Bind(ConfigNode node, ValueReader read)
    {
        var map = KeyedMapping.Open(node, "in group", Keys,
            "a group must be a mapping with at least name, vhid, interface, password_file (or password) and vips", read.Errors);
        if (map is null)
            return null;

        var name = Locate(map.Required("name"), n => read.Text(n, NameRule, IsGroupName));
        var vhid = Locate(map.Required("vhid"), n => (byte?)read.Integer(n, 1, 255, "vhid must be an integer from 1 to 255"));
        var iface = Locate(map.Required("interface"), n => read.Text(n, InterfaceRule, IsInterfaceName));
        var source = map.Optional("source") is { } src ? ReadSource(src, read) : null;
        var password = ReadPassword(map, read);
        var advBase = map.Optional("advbase") is { } ab ? (byte?)read.Integer(ab, 1, 255, "advbase must be an integer from 1 to 255 (seconds)") : GroupConfig.DefaultAdvBase;
        var advSkew = map.Optional("advskew") is { } sk ? (byte?)read.Integer(sk, 0, 255, "advskew must be an integer from 0 to 255") : GroupConfig.DefaultAdvSkew;
        var deadRatio = map.Optional("deadratio") is { } dr ? (byte?)read.Integer(dr, 1, 255, "deadratio must be an integer from 1 to 255") : GroupConfig.DefaultDeadRatio;
        var preempt = map.Optional("preempt") is { } pe ? read.Boolean(pe, "preempt must be true or false") : false;
        var neutral = map.Optional("neutral") is { } ne ? read.Boolean(ne, "neutral must be true or false") : false;
        var vips = ReadVips(map.Required("vips"), read);
        var garp = GarpBinder.Bind(map.Optional("garp"), read);
        var onMaster = HookStepBinder.BindList(map.Optional("on_master"), "on_master", read);
        var onBackup = HookStepBinder.BindList(map.Optional("on_backup"), "on_backup", read);

        if (source is { } s && vips.Any(v => v.Value.Address.Equals(s.Value)))
            read.Report(s.Position, $"source {s.Value} is also a VIP of this group; source must be this node's own address");

        // Build only from what was read correctly; the loader discards it anyway if any error was reported.
        GroupConfig? config = name is null || vhid is null || iface is null || password is null || vips.Count == 0
            || advBase is null || advSkew is null || deadRatio is null || preempt is null || neutral is null
            ? null
            : new GroupConfig(name.Value.Value, vhid.Value.Value, iface.Value.Value, source?.Value, password.Value.Bytes,
                password.Value.File, advBase.Value, advSkew.Value, deadRatio.Value, preempt.Value, neutral.Value,
                vips.Select(v => v.Value).ToArray(), garp, onMaster, onBackup);
        return new GroupDraft(map.Position, config, name, iface, vhid, vips);
    }

    private const string NameRule = "group name must be non-empty and use only letters, digits, '-' and '_'";

    private const string InterfaceRule = "interface must be a network interface name (1 to 15 characters, no '/', ':' or spaces)";

    private static bool IsGroupName(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    // The kernel's rules for a device name (IFNAMSIZ 16 with the NUL; dev_valid_name).
    private static bool IsInterfaceName(string s) =>
        s.Length is >= 1 and <= 15 && s is not "." and not ".." && !s.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || char.IsControl(c));

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

    private static (byte[] Bytes, string? File)? ReadPassword(KeyedMapping map, ValueReader read)
    {
        var inline = map.KeyNode("password");
        var file = map.KeyNode("password_file");
        if (inline is not null && file is not null)
        {
            var later = inline.Position.Line > file.Position.Line || (inline.Position.Line == file.Position.Line && inline.Position.Column > file.Position.Column)
                ? inline : file;
            read.Report(later.Position, "password and password_file are mutually exclusive; keep only one");
            return null;
        }
        if (inline is null && file is null)
        {
            read.Report(map.Position, "missing required key 'password_file' (or 'password') in group");
            return null;
        }

        if (inline is not null)
        {
            var node = map.Required("password")!;
            if (read.Text(node, $"password must be a string of 1 to {GroupConfig.MaxPasswordBytes} bytes") is not { } text)
                return null;
            var bytes = Encoding.UTF8.GetBytes(text);
            if (CarpPassword.Problem(bytes, "password") is { } problem)
            {
                read.Report(node.Position, problem);
                return null;
            }
            return (bytes, null);
        }

        var pathNode = map.Required("password_file")!;
        if (read.AbsolutePath(pathNode, "password_file must be an absolute path") is not { } path)
            return null;
        return PasswordFile.Read(path, pathNode.Position, read.Errors) is { } fromFile ? (fromFile, path) : null;
    }

    /// <returns>The VIPs that are valid (others were reported); the loader refuses the file on any error.</returns>
    private static IReadOnlyList<Located<VipAddress>> ReadVips(ConfigNode? node, ValueReader read)
    {
        if (node is null)
            return [];
        if (node.IsNull || node is SequenceNode { Items.Count: 0 })
        {
            read.Report(node.Position, "vips must list at least one IPv4 address, e.g. vips: [10.4.0.2/24]");
            return [];
        }
        if (node is not SequenceNode list)
        {
            read.Report(node.Position, "vips must be a list of IPv4 addresses, e.g. vips: [10.4.0.2/24]");
            return [];
        }

        var vips = new List<Located<VipAddress>>();
        foreach (var item in list.Items)
        {
            const string rule = "a VIP must be an IPv4 address with an optional prefix length from 1 to 32, e.g. 10.4.0.2/24";
            if (read.Text(item, rule) is not { } text)
                continue;
            if (!VipAddress.TryParse(text, out var vip))
                read.Report(item.Position, rule);
            else if (!Ipv4Text.IsUnicast(vip!.Address))
                read.Report(item.Position, $"VIP {vip.Address} is not a unicast address");
            else
                vips.Add(new Located<VipAddress>(vip, item.Position));
        }
        return vips;
    }
}
