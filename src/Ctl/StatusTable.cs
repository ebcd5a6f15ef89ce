using Failover.Control;

namespace Failover.Ctl;

/// <summary>The human-readable form of a status report: one table row per group, details beneath.</summary>
public static class StatusTable
{
    public static void Write(StatusReport status, TextWriter output)
    {
        output.WriteLine($"node {status.Node}  failoverd {status.Version}  up since {status.Started.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
        if (status.Standby is { } standby)
            output.WriteLine($"MODE: standby ({SetBy(standby)}): refuses MASTER for every group; end it with: failoverctl standby off");
        if (status.Maintenance is { } maintenance)
            output.WriteLine($"MODE: maintenance ({SetBy(maintenance)}): failoverd takes no action; end it with: failoverctl maintenance off");
        if (status.Mail is { } mail)
            WriteMail(mail, output);
        string[] header = ["GROUP", "VHID", "STATE", "INTERFACE", "LINK", "VIPS", "MASTER SEEN"];
        var rows = status.Groups.Select(g => new[]
        {
            g.Name, g.Vhid.ToString(), g.State, g.Interface, g.Link, string.Join(",", g.Vips), g.Master ?? "-",
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Row(header, widths));
        foreach (var row in rows)
            output.WriteLine(Row(row, widths));
        foreach (var g in status.Groups)
        {
            output.WriteLine();
            output.WriteLine($"{g.Name}: source {g.Source}");
            if (g.LastTransition is { } t)
                output.WriteLine($"  last change  {t.At.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {t.From} -> {t.To}: {t.Reason}");
            if (g.Maintenance is { } frozen && frozen != status.Maintenance)
                output.WriteLine($"  MODE         maintenance ({SetBy(frozen)}): no action taken; end it with: failoverctl maintenance off {g.Name}");
            if (g.Preference != "none")
                output.WriteLine($"  admin        {g.Preference}{(g.PreferenceSet is { } set ? $" ({SetBy(set)})" : "")} (undo with: failoverctl clear {g.Name})");
            if (g.Hold is { } hold)
                output.WriteLine($"  hold         not eligible until {hold.Until.ToLocalTime():yyyy-MM-dd HH:mm:ss}: {hold.Reason} (end it with: failoverctl clear {g.Name})");
            else if (g.Ineligible is { } why)
                output.WriteLine($"  not eligible {why}");
            if (g.Rules is { } rules)
                WriteRules(g.Name, rules, output);
            if (g.LastChain is { } chain)
                output.WriteLine($"  last chain   {chain.Started.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {chain.Summary} ({chain.DurationMs:0} ms)");
            if (g.Sync is { } sync)
                output.WriteLine($"  sync         {SyncLine(sync)}");
            var rejected = g.Adverts.Rejected.Count == 0 ? "none" : string.Join(", ", g.Adverts.Rejected.Select(r => $"{r.Key} {r.Value}"));
            output.WriteLine($"  adverts      sent {g.Adverts.Sent}, received {g.Adverts.Received}, send errors {g.Adverts.SendErrors}, rejected: {rejected}");
            foreach (var p in g.Probes)
            {
                var since = p.Since is { } at ? $" since {at.ToLocalTime():HH:mm:ss}" : "";
                var latency = p.LatencyMs is { } ms ? $" ({ms:0.#} ms)" : "";
                var whose = p.MeasuredBy is { } by ? $" [measured by {by}]" : p.About is { } of ? $" [of peer {of}]" : "";
                output.WriteLine($"  probe        {p.Name} ({p.Kind}) {p.Health}{since}: {p.Reason ?? "no result yet"}{latency}{whose}");
            }
        }
        if (status.Peer is { } peer)
            WritePeer(peer, output);
    }

    /// <summary>"set by root (uid 0, pid 4242) at 2026-11-21 21:40".</summary>
    private static string SetBy(ModeReport mode) => $"set by {mode.SetBy} at {mode.At.ToLocalTime():yyyy-MM-dd HH:mm}";

    private static void WritePeer(PeerReport peer, TextWriter output)
    {
        output.WriteLine();
        var version = peer.Version is { } v ? $"  failoverd {v}" : "";
        var reach = peer.Reachable ? "reachable" : "UNREACHABLE";
        output.WriteLine($"peer {peer.Node} ({peer.Address}){version}  {reach} since {peer.Since.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
        var heard = peer.LastHeard is { } at ? $"{at.ToLocalTime():yyyy-MM-dd HH:mm:ss}" : "never";
        var rejects = peer.Rejects.Count == 0 ? "none" : string.Join(", ", peer.Rejects.Select(r => $"{r.Key} {r.Value}"));
        output.WriteLine($"  channel      last heard {heard}, rejected: {rejects}");
        // While unreachable the groups are the last ones heard: say so, the rules don't use them.
        var stale = peer.Reachable ? "" : " (last heard, not used by the rules)";
        foreach (var g in peer.Groups)
        {
            var modes = (g.Standby ? ", STANDBY" : "") + (g.Maintenance ? ", MAINTENANCE" : "");
            output.WriteLine($"  group        {g.Name}: {g.State}, link {g.Link}{modes}{stale}");
            foreach (var p in g.Probes)
                output.WriteLine($"  probe        {g.Name}/{p.Name} ({p.Kind}) {p.Health}: {p.Reason ?? "no result yet"}");
        }
    }

    private static void WriteMail(MailReport mail, TextWriter output)
    {
        var dead = mail.DeadLetters > 0 ? $", {mail.DeadLetters} given up (in dead/)" : "";
        output.WriteLine($"mail {mail.Relay}: {mail.Spooled} spooled{dead}");
        if (mail.LastError is { } error)
        {
            var at = mail.LastErrorAt is { } t ? $" at {t.ToLocalTime():HH:mm:ss}" : "";
            var next = mail.NextAttempt is { } n ? $", next try {n.ToLocalTime():HH:mm:ss}" : "";
            output.WriteLine($"  last error{at}: {error}{next}");
        }
    }

    private static void WriteRules(string group, RulesReport rules, TextWriter output)
    {
        if (rules.Vetoes.Count > 0)
        {
            var verdict = rules.MayStayMaster ? "may not become MASTER" : "may not be MASTER";
            output.WriteLine($"  rules        {verdict}: {string.Join("; ", rules.Vetoes.Select(v => $"{v.Source}: {v.Reason}"))}");
        }
        if (rules.HoldDownUntil is { } until)
            output.WriteLine($"  hold-down    until {until.ToLocalTime():yyyy-MM-dd HH:mm:ss}, set by rule {rules.HoldDownRule} (end it with: failoverctl clear {group})");
        if (rules.Firing.Count > 0)
            output.WriteLine($"  firing       {string.Join(", ", rules.Firing)} (failoverctl explain {group} says why)");
    }

    /// <summary>"to root@10.4.0.211: last ok at 12:00:31 (after_takeover), 3 changes, 412 ms; next 13:00:31".</summary>
    public static string SyncLine(SyncReport sync)
    {
        var last = sync.Result is null
            ? "no push yet"
            : $"last {sync.Result}{(sync.LastAt is { } at ? $" at {at.ToLocalTime():HH:mm:ss}" : "")} ({sync.Reason})"
              + (sync.Result == "cancelled" ? "" : $", {sync.Changes} {(sync.Changes == 1 ? "change" : "changes")}, {sync.DurationMs:0} ms")
              + (sync.Error is { } error ? $": {error}" : "");
        var running = sync.Running ? "; running now" : "";
        var next = sync.NextAt is { } n ? $"; next {n.ToLocalTime():HH:mm:ss}" : "";
        return $"to {sync.Target}: {last}{running}{next}";
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])));
}
