using System.Globalization;
using Failover.Control;

namespace Failover.Daemon.Http;

/// <summary>
/// What in a status report needs a person's attention, one line each, for the top of the status page: a group
/// with no master or two, a probe down on either node, an unreachable peer, DRBD not in sync, admin overrides, standby and maintenance on either node.
/// </summary>
public static class PairFindings
{
    /// <returns>Empty when nothing needs attention.</returns>
    public static IReadOnlyList<string> Of(StatusReport report)
    {
        var findings = new List<string>();
        var peer = report.Peer;
        if (report.Standby is { } standby)
            findings.Add($"{report.Node} in standby: refuses MASTER for every group (set by {standby.SetBy} at {Stamp(standby.At)})");
        if (report.Maintenance is { } maintenance)
            findings.Add($"{report.Node} in maintenance: failoverd takes no action (set by {maintenance.SetBy} at {Stamp(maintenance.At)})");
        if (peer is { Reachable: false })
            findings.Add($"peer {peer.Node} unreachable: its states below are as last heard");
        foreach (var g in report.Groups)
        {
            var peerGroup = peer is { Reachable: true } ? peer.Groups.FirstOrDefault(p => p.Name == g.Name) : null;
            if (g.State == "MASTER" && peerGroup?.State == "MASTER")
                findings.Add($"{g.Name}: both {report.Node} and {peer!.Node} are MASTER");
            else if (g.State != "MASTER" && (peerGroup is null ? g.Master is null && peer is not { Reachable: true } : peerGroup.State != "MASTER"))
                findings.Add($"{g.Name}: no node is MASTER");
            if (g.Maintenance is { } frozen && report.Maintenance is null)
                findings.Add($"{g.Name}: in maintenance on {report.Node}: failoverd takes no action (set by {frozen.SetBy} at {Stamp(frozen.At)})");
            if (peerGroup is { Standby: true })
                findings.Add($"{g.Name}: {peer!.Node} in standby");
            if (peerGroup is { Maintenance: true })
                findings.Add($"{g.Name}: in maintenance on {peer!.Node}");
            if (g.Link != "up")
                findings.Add($"{g.Name}: link {g.Interface} down on {report.Node}");
            foreach (var p in g.Probes.Where(p => p.Health == "DOWN" && p.MeasuredBy is null))
                findings.Add($"{g.Name}: probe {p.Name} DOWN on {(p.About is { } about ? about + " (measured by " + report.Node + ")" : report.Node)}" + Why(p.Reason));
            foreach (var p in peerGroup?.Probes.Where(p => p.Health == "DOWN") ?? [])
                findings.Add($"{g.Name}: probe {p.Name} DOWN on {peer!.Node}" + Why(p.Reason));
            if (g.Preference != "none")
                findings.Add($"{g.Name}: {g.Preference} by admin on {report.Node}");
            if (g.Hold is { } hold)
                findings.Add($"{g.Name}: {report.Node} held back from MASTER: {hold.Reason}");
            foreach (var d in g.Drbd ?? [])
            {
                if (d.SplitBrain)
                    findings.Add($"{g.Name}: DRBD {d.Resource} split brain");
                else if (d.Connection.StartsWith("Sync", StringComparison.Ordinal))
                    findings.Add($"{g.Name}: DRBD {d.Resource} resyncing" + (d.SyncPercent is { } p ? $", {p.ToString("0.#", CultureInfo.InvariantCulture)} % done" : ""));
                else if (d.Connection is not ("Connected" or "Established"))
                    findings.Add($"{g.Name}: DRBD {d.Resource} {d.Connection}");
                else if (d.Disk != "UpToDate" || d.PeerDisk != "UpToDate")
                    findings.Add($"{g.Name}: DRBD {d.Resource} disks {d.Disk} / {d.PeerDisk}");
            }
        }
        if (report.Mail is { } mail && (mail.DeadLetters > 0 || mail.LastError is not null))
            findings.Add($"alert mail: {mail.Spooled} waiting, {mail.DeadLetters} given up" + Why(mail.LastError));
        return findings;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Why(string? reason) => reason is null ? "" : $": {reason}";
}
