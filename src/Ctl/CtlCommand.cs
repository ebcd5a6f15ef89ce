using System.Net.Sockets;
using System.Text.Json;
using Failover.Control;

namespace Failover.Ctl;

/// <summary>failoverctl's command line. Exit codes: 0 ok, 1 the daemon failed or is unreachable, 2 usage.</summary>
public static class CtlCommand
{
    private const string Usage = """
        Usage: failoverctl [--socket PATH] status [--json]
               failoverctl [--socket PATH] release GROUP
               failoverctl [--socket PATH] takeover GROUP
               failoverctl [--socket PATH] clear GROUP
               failoverctl [--socket PATH] standby on|off
               failoverctl [--socket PATH] maintenance on|off [GROUP]
               failoverctl [--socket PATH] probe [GROUP/]NAME
               failoverctl [--socket PATH] explain [GROUP] [--json]
               failoverctl [--socket PATH] sync GROUP [--dry-run]
               failoverctl [--socket PATH] splitbrain status [GROUP] [--json]
               failoverctl [--socket PATH] splitbrain resolve GROUP --discard NODE [--dry-run]
               failoverctl [--socket PATH] events [--since TIME] [--group GROUP] [--follow] [--json]
               failoverctl import-ucarp [--name GROUP] -- ucarp ARGS...
               failoverctl import-ucarp --interfaces /etc/network/interfaces
               failoverctl --help | --version

          status     every group's state, VIPs, link, the master seen on the wire, the last
                     transition and its reason, the admin preference, the advert counters,
                     the probes, and what the rules forbid (vetoes, hold-down)
          --json     the same as JSON, for scripts
          release    hand GROUP over to the peer now (a bow-out advert: the peer takes over at
                     once) and stay backup: no preemption until takeover or clear. If no peer
                     answers, this node still takes the VIPs back after the master-down time.
          takeover   become master of GROUP now and stay master by advertising advskew 0,
                     until release or clear. Refused when the current master cannot be beaten.
          clear      forget a release or takeover: configured advskew and preempt apply again;
                     also ends a failed on_master's hold and the rules' hold-down.
                     A release or takeover is kept across restarts (state_dir/modes.json)
                     and shown in status until cleared.
          standby    on: this node gives up MASTER of every group (a master bows out, the
                     peer takes over) and refuses it; probes, sync and the peer channel keep
                     running. off: it may be MASTER again (takes over when no master is
                     heard, preempts as configured). Kept across restarts: a node started in
                     standby is never master, not even for one advert.
          maintenance
                     on: failoverd takes no action, for the node or one GROUP: the CARP
                     state is frozen (a master keeps advertising so the peer stays backup, a
                     backup keeps listening but does not take over), no chain runs, the
                     rules are evaluated (see explain) but not applied, no split-brain
                     recovery starts; what would have happened is logged. off: failoverd
                     acts again from the facts as they are then (a backup whose master is
                     silent takes over, a master that may not be one bows out). Kept across
                     restarts. Stopping failoverd still bows out and runs on_backup.
          probe      run one health probe now and print its result (exit 0 healthy, 1 not);
                     the probe's settled health is not changed by it
          explain    judge GROUP's rules now (every group without GROUP) and show why: the
                     facts, each rule and every comparison it made, the safety checks, the
                     verdict on being MASTER, the hold-down and the actions handed out
          sync       push GROUP's sync: paths to the peer now with rsync over ssh (master
                     only) and list what changed; --dry-run lists what would change and
                     changes nothing. Waits for rsync (bounded by the sync: timeout).
          splitbrain status
                     per DRBD resource under a split_brain: policy: split or not, the
                     policy, the plan it would run (or why nothing runs), the last
                     recovery and the resync
          splitbrain resolve
                     discard NODE's DRBD changes since the split and resync it from the
                     other node (the plan is mailed first; runs on the peer over ssh);
                     --dry-run prints the exact commands per node and runs nothing
          events     the daemon's event journal, oldest first: transitions, decisions, chain
                     steps (result, duration), probe changes, mail, sync, admin commands; one
                     line each (local time, group or - for the node, kind, text). --since TIME:
                     from TIME on, given as 2026-11-21T14:05, 14:05 (today) or 30s/10m/2h/1d
                     back; --group: GROUP's events and the node's; --follow (-f): keep
                     printing new ones until Ctrl-C, also across a restart of failoverd;
                     --json: one JSON object a line (seq, at, kind, group, text, fields).
                     The journal is state_dir/events.jsonl (rotated to events.jsonl.1 ...).
          import-ucarp
                     print a failover.yaml group equivalent to a ucarp command line, or one
                     per ucarp iface stanza of Debian's interfaces file; vip-up/vip-down
                     become exec steps; what has no equivalent is a WARNING comment
          --socket   failoverd's control socket (default /run/failover/failoverd.sock)

        Root or members of the group 'failover' only. Exit codes: 0 ok, 1 failed, refused or
        failoverd unreachable (probe: the probe is not healthy), 2 usage. A configuration error
        is failoverd's (exit 78): failoverd --check-config FILE lists every one.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var socket = ControlProtocol.DefaultSocketPath;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--socket" && i + 1 < args.Length)
                socket = args[++i];
            else if (args[i].StartsWith("--socket=", StringComparison.Ordinal))
                socket = args[i]["--socket=".Length..];
            else
                rest.Add(args[i]);
        }
        switch (rest.ToArray())
        {
            case ["--help" or "-h" or "help"]:
                stdout.WriteLine(Usage);
                return 0;
            case ["--version"]:
                stdout.WriteLine($"failoverctl {typeof(CtlCommand).Assembly.GetName().Version?.ToString(3)}");
                return 0;
            case ["import-ucarp", .. var options]:
                return Import.UcarpImportCommand.Run(options, stdout, stderr);
            case ["status"]:
                return await StatusAsync(socket, json: false, stdout, stderr).ConfigureAwait(false);
            case ["status", "--json"]:
                return await StatusAsync(socket, json: true, stdout, stderr).ConfigureAwait(false);
            case ["explain", .. var options] when ExplainOptions(options) is var (group, json):
                return await ExplainAsync(socket, group, json, stdout, stderr).ConfigureAwait(false);
            case ["splitbrain", "status", .. var options] when ExplainOptions(options) is var (group, json):
                return await SplitBrainStatusAsync(socket, group, json, stdout, stderr).ConfigureAwait(false);
            case ["splitbrain", "resolve", .. var options] when ResolveRequest(options) is { } request:
                return await AdminAsync(socket, request, stdout, stderr).ConfigureAwait(false);
            case ["probe", var name]:
                return await ProbeAsync(socket, name, stdout, stderr).ConfigureAwait(false);
            case ["sync", var group, .. var options] when !group.StartsWith('-') && options is [] or ["--dry-run"]:
                return await AdminAsync(socket, new ControlRequest("sync", group, DryRun: options.Length == 1), stdout, stderr,
                    Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            case ["events", .. var options]:
                return await Events.EventsCommand.RunAsync(socket, options, stdout, stderr).ConfigureAwait(false);
            case [("standby" or "maintenance") and var mode, .. var options] when ModeRequest(mode, options) is { } request:
                return await AdminAsync(socket, request, stdout, stderr).ConfigureAwait(false);
            case [("standby" or "maintenance") and var mode, ..]:
                stderr.WriteLine(mode == "standby"
                    ? "failoverctl: say 'standby on' or 'standby off'"
                    : "failoverctl: say 'maintenance on [GROUP]' or 'maintenance off [GROUP]'");
                return 2;
            case [("release" or "takeover" or "clear") and var verb, var group]:
                return await AdminAsync(socket, new ControlRequest(verb, group), stdout, stderr).ConfigureAwait(false);
            default:
                stderr.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<int> StatusAsync(string socket, bool json, TextWriter stdout, TextWriter stderr)
    {
        var response = await SendAsync(socket, new ControlRequest("status"), stderr).ConfigureAwait(false);
        if (response is null)
            return 1;
        if (!response.Ok || response.Status is null)
        {
            stderr.WriteLine($"failoverctl: {response.Error ?? "no status in the answer"}");
            return 1;
        }
        if (json)
            stdout.WriteLine(JsonSerializer.Serialize(response.Status, IndentedJson.StatusReport));
        else
            StatusTable.Write(response.Status, stdout);
        return 0;
    }

    /// <summary>[GROUP] [--json] in either order; null when that is not what was given.</summary>
    private static (string? Group, bool Json)? ExplainOptions(string[] options)
    {
        var json = options.Contains("--json");
        var groups = options.Where(o => o != "--json").ToArray();
        if (groups.Length > 1 || groups.Any(g => g.StartsWith('-')) || options.Count(o => o == "--json") > 1)
            return null;
        return (groups.FirstOrDefault(), json);
    }

    /// <summary>standby on|off, maintenance on|off [GROUP]; null when that is not what was given.</summary>
    internal static ControlRequest? ModeRequest(string mode, string[] options) => (mode, options) switch
    {
        ("standby", [("on" or "off") and var state]) => new ControlRequest($"standby-{state}"),
        ("maintenance", [("on" or "off") and var state]) => new ControlRequest($"maintenance-{state}"),
        ("maintenance", [("on" or "off") and var state, var group]) when !group.StartsWith('-') => new ControlRequest($"maintenance-{state}", group),
        _ => null,
    };

    /// <summary>GROUP --discard NODE [--dry-run], options in any order after GROUP; null when that is not what was given.</summary>
    internal static ControlRequest? ResolveRequest(string[] options)
    {
        string? group = null, discard = null;
        var dryRun = false;
        for (int i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--discard" when i + 1 < options.Length && discard is null && !options[i + 1].StartsWith('-'):
                    discard = options[++i];
                    break;
                case "--dry-run" when !dryRun:
                    dryRun = true;
                    break;
                case var word when !word.StartsWith('-') && group is null:
                    group = word;
                    break;
                default:
                    return null;
            }
        }
        return group is null || discard is null ? null : new ControlRequest("splitbrain-resolve", group, Discard: discard, DryRun: dryRun);
    }

    private static async Task<int> SplitBrainStatusAsync(string socket, string? group, bool json, TextWriter stdout, TextWriter stderr)
    {
        var response = await SendAsync(socket, new ControlRequest("splitbrain-status", group), stderr).ConfigureAwait(false);
        if (response is null)
            return 1;
        if (!response.Ok || response.SplitBrain is not { } reports)
        {
            stderr.WriteLine($"failoverctl: {response.Error ?? "no split-brain report in the answer"}");
            return 1;
        }
        if (json)
            stdout.WriteLine(JsonSerializer.Serialize(reports, IndentedJson.IReadOnlyListSplitBrainReport));
        else
            SplitBrainText.Write(reports, stdout);
        return 0;
    }

    private static async Task<int> ExplainAsync(string socket, string? group, bool json, TextWriter stdout, TextWriter stderr)
    {
        var response = await SendAsync(socket, new ControlRequest("explain", group), stderr).ConfigureAwait(false);
        if (response is null)
            return 1;
        if (!response.Ok || response.Explain is not { } reports)
        {
            stderr.WriteLine($"failoverctl: {response.Error ?? "no explanation in the answer"}");
            return 1;
        }
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(reports, IndentedJson.IReadOnlyListExplainReport));
            return 0;
        }
        for (int i = 0; i < reports.Count; i++)
        {
            if (i > 0)
                stdout.WriteLine();
            ExplainText.Write(reports[i], stdout);
        }
        return 0;
    }

    /// <param name="timeout">How long to wait for the answer; null: the usual 5 s.</param>
    private static async Task<int> AdminAsync(string socket, ControlRequest request, TextWriter stdout, TextWriter stderr, TimeSpan? timeout = null)
    {
        var response = await SendAsync(socket, request, stderr, timeout).ConfigureAwait(false);
        if (response is null)
            return 1;
        if (!response.Ok)
        {
            stderr.WriteLine($"failoverctl: {response.Error}");
            return 1;
        }
        stdout.WriteLine(response.Message);
        return 0;
    }

    private static async Task<int> ProbeAsync(string socket, string name, TextWriter stdout, TextWriter stderr)
    {
        var response = await SendAsync(socket, new ControlRequest("probe", Name: name), stderr).ConfigureAwait(false);
        if (response is null)
            return 1;
        if (!response.Ok || response.Probe is not { } probe)
        {
            stderr.WriteLine($"failoverctl: {response.Error ?? "no probe result in the answer"}");
            return 1;
        }
        stdout.WriteLine($"{probe.Group}/{probe.Name} ({probe.Kind}): {probe.Health} in {probe.LatencyMs:0.#} ms: {probe.Reason}");
        return probe.Health == "UP" ? 0 : 1;
    }

    /// <summary>The daemon's response, or null (the reason written to stderr) when it cannot be reached.</summary>
    private static async Task<ControlResponse?> SendAsync(string socket, ControlRequest request, TextWriter stderr, TimeSpan? timeout = null)
    {
        try
        {
            return await ControlClient.SendAsync(socket, request, timeout ?? TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or JsonException)
        {
            stderr.WriteLine($"failoverctl: cannot reach failoverd at {socket}: {Describe(e)}");
            return null;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable or SocketError.ConnectionRefused } =>
            "failoverd is not running (or uses another --socket)",
        SocketException { SocketErrorCode: SocketError.AccessDenied } =>
            "permission denied (run as root or as a member of the 'failover' group)",
        OperationCanceledException => "no answer within 5 s",
        _ => e.Message,
    };

    private static readonly ControlJson IndentedJson = new(new JsonSerializerOptions(ControlJson.Default.Options) { WriteIndented = true });
}
