using System.Net;

namespace Failover.Ctl.Import;

/// <summary>
/// Reads Debian's /etc/network/interfaces the way the ucarp package's if-up.d hook does: one ucarp per
/// iface stanza with ucarp-vid, ucarp-vip and ucarp-password, started as
/// <c>ucarp -i IFACE -s ADDRESS -B -z -v VID -p PASSWORD -a VIP -u UP -d DOWN [-P] [-k] [-b] [-r] [-M] [-x]</c>.
/// The default scripts (/usr/share/ucarp/vip-up, vip-down) run <c>ifup/ifdown IFACE:ucarp</c>, so the
/// VIP and its netmask come from the <c>iface IFACE:ucarp</c> stanza.
/// </summary>
public static class DebianInterfaces
{
    private const string DefaultUp = "/usr/share/ucarp/vip-up";
    private const string DefaultDown = "/usr/share/ucarp/vip-down";

    private static readonly string[] StanzaWords =
        ["iface", "auto", "mapping", "source", "source-directory", "rename", "no-auto-down", "no-scripts"];

    private sealed record Stanza(string Interface, int Line, List<(string Key, string Value, int Line)> Options);

    /// <summary>Every stanza with ucarp- options becomes one group, in file order; none is an error.</summary>
    public static IReadOnlyList<UcarpGroup> Parse(string text, string fileName)
    {
        var stanzas = Read(text);
        var groups = new List<UcarpGroup>();
        foreach (var stanza in stanzas.Where(s => s.Options.Any(o => o.Key.StartsWith("ucarp-", StringComparison.Ordinal))))
            groups.Add(Build(stanza, stanzas, fileName));
        if (groups.Count == 0)
            throw new UcarpImportError($"{fileName}: no iface stanza has ucarp-vid, ucarp-vip and ucarp-password");
        return groups;
    }

    private static List<Stanza> Read(string text)
    {
        var stanzas = new List<Stanza>();
        Stanza? current = null;
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].TrimEnd('\r');
            // interfaces(5): a trailing backslash continues the line.
            while (line.EndsWith('\\') && i + 1 < lines.Length)
                line = line[..^1] + " " + lines[++i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;
            var words = trimmed.Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
            var first = words[0];
            if (first == "iface")
            {
                var iface = words.Length > 1 ? words[1].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0] : "";
                current = new Stanza(iface, lineNumber, []);
                stanzas.Add(current);
            }
            else if (StanzaWords.Contains(first) || first.StartsWith("allow-", StringComparison.Ordinal))
            {
                current = null;
            }
            else if (current is not null)
            {
                current.Options.Add((first, words.Length > 1 ? words[1].Trim() : "", lineNumber));
            }
        }
        return stanzas;
    }

    private static UcarpGroup Build(Stanza stanza, List<Stanza> all, string fileName)
    {
        var group = new UcarpGroup();
        var where = $"{fileName}:{stanza.Line}";
        string From(string key, int line) => $"{key} ({fileName}:{line})";
        string? Value(string key) => stanza.Options.LastOrDefault(o => o.Key == key).Value;
        int LineOf(string key) => stanza.Options.LastOrDefault(o => o.Key == key).Line;
        string Required(string key, string option) =>
            Value(key) is { Length: > 0 } v
                ? v
                : throw new UcarpImportError($"{where}: iface {stanza.Interface} has no {key} ({option}); the ucarp hook starts no ucarp without it");
        string Opt(string key) => $"{key} in iface {stanza.Interface} ({where})";

        var vid = UcarpValues.Number(Required("ucarp-vid", "-v"), 1, 255, Opt("ucarp-vid"));
        var vip = UcarpValues.Ipv4(Required("ucarp-vip", "-a"), Opt("ucarp-vip"));
        var password = UcarpValues.Password(Required("ucarp-password", "-p"), Opt("ucarp-password"));

        group.Keys["name"] = new(UcarpGroup.GroupName($"{stanza.Interface}-{vid}"), $"iface {stanza.Interface}, ucarp-vid {vid}");
        group.Keys["vhid"] = new(vid.ToString(), From("ucarp-vid", LineOf("ucarp-vid")));
        group.Keys["interface"] = new(stanza.Interface, $"iface {stanza.Interface} ({where})");
        if (Value("address") is { Length: > 0 } address)
            group.Keys["source"] = new(UcarpValues.Ipv4(address.Split('/')[0], Opt("address")), From("address", LineOf("address")) + ", ucarp's -s");
        group.Keys["password"] = new(UcarpValues.Quoted(password), From("ucarp-password", LineOf("ucarp-password")));

        foreach (var (key, yamlKey, min) in new[] { ("ucarp-advbase", "advbase", 1), ("ucarp-advskew", "advskew", 0), ("ucarp-deadratio", "deadratio", 1) })
        {
            if (Value(key) is { Length: > 0 } v)
                group.Keys[yamlKey] = new(UcarpValues.Number(v, min, 255, Opt(key)).ToString(), From(key, LineOf(key)));
        }
        if (Value("ucarp-master") is { Length: > 0 } master && IsYes(master))
            group.Keys["preempt"] = new("true", From($"ucarp-master {master}", LineOf("ucarp-master")) + ", ucarp's -P");
        if (Value("ucarp-nomcast") is { Length: > 0 } nomcast && IsYes(nomcast))
            group.Warn($"ucarp-nomcast {nomcast} ({fileName}:{LineOf("ucarp-nomcast")}) not carried over: failoverd advertises by multicast (224.0.0.18) only, never broadcast");
        if (Value("ucarp-xparam") is { Length: > 0 } xparam)
            group.XParam = new(UcarpValues.Quoted(xparam), From("ucarp-xparam", LineOf("ucarp-xparam")));

        var up = Value("ucarp-upscript") is { Length: > 0 } u ? UcarpValues.Script(u, Opt("ucarp-upscript")) : DefaultUp;
        var down = Value("ucarp-downscript") is { Length: > 0 } d ? UcarpValues.Script(d, Opt("ucarp-downscript")) : DefaultDown;
        if (up != DefaultUp)
            group.UpScript = new(up, From("ucarp-upscript", LineOf("ucarp-upscript")));
        if (down != DefaultDown)
            group.DownScript = new(down, From("ucarp-downscript", LineOf("ucarp-downscript")));

        if (group.UpScript is not null)
            group.Warn("failoverd adds the VIPs itself (its vip step runs before on_master's scripts): take 'ip addr add/del' or 'ifup/ifdown' of the VIP out of ucarp-upscript/downscript, or make them tolerate an address already there (an exec step that fails makes this node give way)");
        AddVips(group, stanza, all, vip, fileName, defaultScripts: up == DefaultUp || down == DefaultDown);

        foreach (var (key, value, line) in stanza.Options.Where(o => o.Key.StartsWith("ucarp-", StringComparison.Ordinal)))
        {
            if (key is not ("ucarp-vid" or "ucarp-vip" or "ucarp-password" or "ucarp-advbase" or "ucarp-advskew" or "ucarp-deadratio"
                or "ucarp-master" or "ucarp-nomcast" or "ucarp-xparam" or "ucarp-upscript" or "ucarp-downscript"))
                group.Warn($"{key} {value} ({fileName}:{line}) not carried over: the Debian ucarp hook does not know it either");
        }
        group.Notes.Add("the hook always passed -B (not needed: failoverd is a systemd service) and -z (failoverd always runs on_backup when it stops)");
        group.Notes.Add($"failoverd starts with the daemon, not with 'ifup {stanza.Interface}': remove the ucarp-* lines once failoverd runs");
        return group;
    }

    /// <summary>The HMAC VIP first; the alias stanza's address and netmask as the default vip-up raised it.</summary>
    private static void AddVips(UcarpGroup group, Stanza stanza, List<Stanza> all, string vip, string fileName, bool defaultScripts)
    {
        var aliasName = stanza.Interface + ":ucarp";
        var alias = all.LastOrDefault(s => s.Interface == aliasName);
        string? aliasVip = null;
        if (alias is not null)
        {
            var where = $"{fileName}:{alias.Line}";
            var address = alias.Options.LastOrDefault(o => o.Key == "address").Value;
            var netmask = alias.Options.LastOrDefault(o => o.Key == "netmask").Value;
            if (address is { Length: > 0 })
            {
                var parts = address.Split('/');
                var ip = UcarpValues.Ipv4(parts[0], $"address in iface {aliasName} ({where})");
                int? prefix = parts.Length > 1 ? UcarpValues.Number(parts[1], 0, 32, $"address in iface {aliasName} ({where})")
                    : netmask is { Length: > 0 } ? Prefix(netmask, $"netmask in iface {aliasName} ({where})")
                    : null;
                aliasVip = prefix is null ? ip : $"{ip}/{prefix}";
                var from = $"iface {aliasName} ({where}): address" + (netmask is { Length: > 0 } ? $" {ip}, netmask {netmask}" : $" {address}");
                if (ip == vip)
                    group.Vips.Add(new(aliasVip, from + "; ucarp-vip"));
                else
                {
                    group.Vips.Add(new(vip, $"ucarp-vip ({fileName}:{stanza.Options.Last(o => o.Key == "ucarp-vip").Line}): the address the CARP HMAC covers"));
                    group.Vips.Add(new(aliasVip, from));
                    group.Warn($"iface {aliasName} has address {ip}, not ucarp-vip {vip}: both are VIPs now, {vip} first (the CARP HMAC covers it); keep only one if that was a mistake");
                }
            }
            foreach (var (key, value, line) in alias.Options.Where(o => o.Key is not ("address" or "netmask")))
                group.Warn($"'{key} {value}' of iface {aliasName} ({fileName}:{line}) not carried over: add it as an exec step (on_master for up/post-up, on_backup for down/pre-down)");
        }
        if (group.Vips.Count == 0)
        {
            group.Vips.Add(new(vip, $"ucarp-vip ({fileName}:{stanza.Options.Last(o => o.Key == "ucarp-vip").Line}); /32"));
            if (defaultScripts)
                group.Warn($"no iface {aliasName} stanza with an address: the default vip-up (ifup {aliasName}) had nothing to raise; the VIP is {vip}/32 now");
        }
        if (defaultScripts)
            group.Notes.Add($"the default /usr/share/ucarp/vip-up and vip-down (ifup/ifdown {aliasName}) are replaced by failoverd's own vip step");
    }

    // The hook's test: expr "$V" : "no\|off\|false\|0" (a match at the start means no).
    private static bool IsYes(string value) =>
        !new[] { "no", "off", "false", "0" }.Any(no => value.StartsWith(no, StringComparison.Ordinal));

    private static int Prefix(string netmask, string option)
    {
        if (!IPAddress.TryParse(netmask, out var mask) || netmask.Split('.').Length != 4)
            throw new UcarpImportError($"{option}: '{netmask}' is not a netmask");
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes());
        var prefix = System.Numerics.BitOperations.PopCount(bits);
        if (prefix < 32 && bits << prefix != 0)
            throw new UcarpImportError($"{option}: '{netmask}' is not a contiguous netmask");
        return prefix;
    }
}
