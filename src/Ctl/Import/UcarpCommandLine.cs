namespace Failover.Ctl.Import;

/// <summary>
/// Turns a ucarp argv (as typed, with or without "ucarp" first) into a <see cref="UcarpGroup"/>.
/// Accepts what ucarp's getopt_long accepts: --opt=V, --opt V, -oV, -o V and bundled flags (-PnB).
/// </summary>
public static class UcarpCommandLine
{
    // short letter → long name; true when the option takes a value (ucarp 1.5.2's option table).
    private static readonly Dictionary<char, (string Long, bool HasValue)> Options = new()
    {
        ['i'] = ("interface", true), ['s'] = ("srcip", true), ['m'] = ("mcast", true), ['v'] = ("vhid", true),
        ['p'] = ("pass", true), ['o'] = ("passfile", true), ['P'] = ("preempt", false), ['n'] = ("neutral", false),
        ['a'] = ("addr", true), ['h'] = ("help", false), ['b'] = ("advbase", true), ['k'] = ("advskew", true),
        ['u'] = ("upscript", true), ['d'] = ("downscript", true), ['r'] = ("deadratio", true), ['D'] = ("debug", false),
        ['z'] = ("shutdown", false), ['B'] = ("daemonize", false), ['S'] = ("ignoreifstate", false),
        ['M'] = ("nomcast", false), ['f'] = ("facility", true), ['x'] = ("xparam", true),
    };

    /// <param name="argv">ucarp's arguments; a first word naming ucarp (ucarp, /usr/sbin/ucarp) is skipped.</param>
    /// <param name="name">The group name; default ucarp-VHID.</param>
    public static UcarpGroup Parse(IReadOnlyList<string> argv, string? name = null)
    {
        var given = new List<(string Long, string? Value, string Typed)>();
        var start = argv.Count > 0 && Path.GetFileName(argv[0]) == "ucarp" ? 1 : 0;
        for (int i = start; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var eq = arg.IndexOf('=');
                var longName = eq < 0 ? arg[2..] : arg[2..eq];
                var option = Options.Values.FirstOrDefault(o => o.Long == longName);
                if (option.Long is null)
                    throw new UcarpImportError($"--{longName}: not a ucarp option");
                string? value = null;
                if (option.HasValue)
                    value = eq >= 0 ? arg[(eq + 1)..] : i + 1 < argv.Count ? argv[++i] : throw Missing(longName);
                else if (eq >= 0)
                    throw new UcarpImportError($"--{longName} takes no value");
                given.Add((longName, value, value is null ? $"--{longName}" : $"--{longName}={value}"));
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                for (int j = 1; j < arg.Length; j++)
                {
                    if (!Options.TryGetValue(arg[j], out var option))
                        throw new UcarpImportError($"-{arg[j]}: not a ucarp option");
                    if (!option.HasValue)
                    {
                        given.Add((option.Long, null, $"-{arg[j]}"));
                        continue;
                    }
                    var value = j + 1 < arg.Length ? arg[(j + 1)..] : i + 1 < argv.Count ? argv[++i] : throw Missing(option.Long);
                    given.Add((option.Long, value, $"-{arg[j]} {value}"));
                    break;
                }
            }
            else
            {
                throw new UcarpImportError($"'{arg}': ucarp takes no arguments besides options");
            }
        }
        return Build(given, name);
    }

    private static UcarpImportError Missing(string longName) => new($"--{longName}: missing its value");

    private static UcarpGroup Build(List<(string Long, string? Value, string Typed)> given, string? name)
    {
        var group = new UcarpGroup();
        string? addr = null, addrFrom = null;
        var shutdown = false;
        foreach (var (option, value, typed) in given)
        {
            var v = value ?? "";
            var label = option == "pass" ? "--pass" : typed;
            switch (option)
            {
                case "interface": group.Keys["interface"] = new(v, label); break;
                case "srcip": group.Keys["source"] = new(UcarpValues.Ipv4(v, "--srcip"), label); break;
                case "vhid": group.Keys["vhid"] = new(UcarpValues.Number(v, 1, 255, "--vhid").ToString(), label); break;
                case "pass":
                    group.Keys.Remove("password_file");
                    group.Keys["password"] = new(UcarpValues.Quoted(UcarpValues.Password(v, "--pass")), label);
                    break;
                case "passfile":
                    group.Keys.Remove("password");
                    group.Keys["password_file"] = new(UcarpValues.Quoted(v), label);
                    break;
                case "preempt": group.Keys["preempt"] = new("true", label); break;
                case "neutral": group.Keys["neutral"] = new("true", label); break;
                case "addr": (addr, addrFrom) = (UcarpValues.Ipv4(v, "--addr"), label); break;
                case "advbase": group.Keys["advbase"] = new(UcarpValues.Number(v, 1, 255, "--advbase").ToString(), label); break;
                case "advskew": group.Keys["advskew"] = new(UcarpValues.Number(v, 0, 255, "--advskew").ToString(), label); break;
                case "deadratio": group.Keys["deadratio"] = new(UcarpValues.Number(v, 1, 255, "--deadratio").ToString(), label); break;
                case "upscript": group.UpScript = new(UcarpValues.Script(v, "--upscript"), label); break;
                case "downscript": group.DownScript = new(UcarpValues.Script(v, "--downscript"), label); break;
                case "xparam": group.XParam = new(UcarpValues.Quoted(v), label); break;
                case "shutdown": shutdown = true; break;
                case "mcast" when UcarpValues.Ipv4(v, "--mcast") == "224.0.0.18":
                    group.Notes.Add($"{label}: the CARP group failoverd always uses");
                    break;
                case "mcast":
                    group.Warn($"{label} not carried over: failoverd advertises to 224.0.0.18 only; a peer on {v} will not hear it");
                    break;
                case "nomcast":
                    group.Warn($"{label} not carried over: failoverd advertises by multicast (224.0.0.18) only, never broadcast");
                    break;
                case "ignoreifstate":
                    group.Warn($"{label} not carried over: failoverd always steps down when {group.Keys.GetValueOrDefault("interface")?.Yaml ?? "the interface"} loses carrier (a per-interface up_delay/down_delay under interfaces: can soften it)");
                    break;
                case "daemonize": group.Notes.Add($"{label}: not needed, failoverd runs as a systemd service"); break;
                case "facility": group.Notes.Add($"{label}: not carried over, failoverd logs to the journal (stderr), not syslog"); break;
                case "debug": group.Notes.Add($"{label}: not carried over, failoverd's log level is set on its own command line"); break;
                case "help": group.Notes.Add($"{label}: ignored"); break;
            }
        }

        Require(group, "vhid", "--vhid (-v)");
        Require(group, "interface", "--interface (-i)");
        if (addr is null)
            throw new UcarpImportError("--addr (-a) is required: the virtual IP address");
        if (!group.Keys.ContainsKey("password") && !group.Keys.ContainsKey("password_file"))
            throw new UcarpImportError("--pass (-p) or --passfile (-o) is required: the CARP password");
        group.Vips.Add(new(addr, $"{addrFrom}; /32 unless you add the prefix your vip-up script used, e.g. {addr}/24"));
        group.Keys["name"] = name is null
            ? new($"ucarp-{group.Keys["vhid"].Yaml}", "default name ucarp-VHID; --name to choose one")
            : new(CheckedName(name), "--name");
        group.Notes.Add(shutdown
            ? "--shutdown (-z): failoverd always runs on_backup when it stops (a master first hands over to its peer)"
            : "no --shutdown: ucarp left the VIP up when it exited, failoverd always drops it and runs on_backup when it stops");
        if (group.UpScript is not null)
            group.Warn("failoverd adds the VIPs itself (its vip step runs before on_master's scripts): take 'ip addr add/del' out of the scripts, or make them tolerate an address already there (an exec step that fails makes this node give way)");
        return group;
    }

    private static void Require(UcarpGroup group, string key, string option)
    {
        if (!group.Keys.ContainsKey(key))
            throw new UcarpImportError($"{option} is required");
    }

    internal static string CheckedName(string name) =>
        name.Length > 0 && UcarpGroup.GroupName(name) == name
            ? name
            : throw new UcarpImportError($"--name: '{name}' must be non-empty and use only letters, digits, '-' and '_'");
}
