using Failover.Carp.Protocol;
using Failover.Control;
using Failover.Daemon.Runtime;

namespace Failover.Daemon.Http;

/// <summary>
/// The daemon's metrics in the Prometheus text format (docs/metrics.md lists them): drawn from the same
/// <see cref="StatusReport"/> as <c>failoverctl status</c>, plus the journal's tallies. Every family is written
/// with HELP and TYPE even when it has no sample yet, so that a dashboard finds each name from the first scrape.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] States = ["init", "backup", "master"];
    private static readonly string[] Healths = ["up", "down", "unknown"];

    /// <summary>Every advert rejection an admin cares about (own packets are not rejections), so each has a series from zero.</summary>
    private static readonly string[] RejectReasons = Enum.GetValues<CarpRejectReason>()
        .Where(r => r != CarpRejectReason.OwnPacket).Select(RejectReasonText.Key).ToArray();

    public static string Render(StatusReport report, IReadOnlyList<TransitionCount> transitions, IReadOnlyList<StepDurations> steps)
    {
        var w = new ExpositionWriter();
        Daemon(w, report);
        Groups(w, report.Groups);
        Transitions(w, transitions);
        Adverts(w, report.Groups);
        Probes(w, report.Groups);
        Drbd(w, report.Groups);
        Steps(w, steps);
        Mail(w, report.Mail);
        Peer(w, report.Peer);
        return w.ToString();
    }

    private static void Daemon(ExpositionWriter w, StatusReport report)
    {
        w.Family("failover_build_info", "gauge", "Always 1: the node name and failoverd version in labels.");
        w.Sample("failover_build_info", 1, ("node", report.Node), ("version", report.Version));
        w.Family("failover_start_time_seconds", "gauge", "When failoverd started, in seconds since the Unix epoch.");
        w.Sample("failover_start_time_seconds", report.Started.ToUnixTimeMilliseconds() / 1000.0);
        w.Family("failover_standby", "gauge", "1 while this node is in standby (failoverctl standby on): it refuses MASTER for every group.");
        w.Sample("failover_standby", report.Standby is null ? 0 : 1);
    }

    private static void Groups(ExpositionWriter w, IReadOnlyList<GroupReport> groups)
    {
        w.Family("failover_group_state", "gauge", "The group's CARP state on this node: 1 for the current state, 0 for the others.");
        foreach (var g in groups)
        {
            foreach (var state in States)
                w.Sample("failover_group_state", g.State.Equals(state, StringComparison.OrdinalIgnoreCase) ? 1 : 0, ("group", g.Name), ("state", state));
        }
        w.Family("failover_group_link_up", "gauge", "1 while the group's interface has carrier.");
        foreach (var g in groups)
            w.Sample("failover_group_link_up", g.Link == "up" ? 1 : 0, ("group", g.Name), ("interface", g.Interface));
        w.Family("failover_group_eligible", "gauge", "1 while this node may be master of the group (no rule, hold or safety check against it).");
        foreach (var g in groups)
            w.Sample("failover_group_eligible", g.Ineligible is null ? 1 : 0, ("group", g.Name));
        w.Family("failover_group_maintenance", "gauge", "1 while the group is frozen by maintenance (the node's or its own): failoverd takes no action.");
        foreach (var g in groups)
            w.Sample("failover_group_maintenance", g.Maintenance is null ? 0 : 1, ("group", g.Name));
        w.Family("failover_group_vips", "gauge", "How many virtual IPs the group moves.");
        foreach (var g in groups)
            w.Sample("failover_group_vips", g.Vips.Count, ("group", g.Name));
    }

    private static void Transitions(ExpositionWriter w, IReadOnlyList<TransitionCount> transitions)
    {
        w.Family("failover_transitions_total", "counter", "CARP state changes since failoverd started, by the state entered and the reason.");
        foreach (var t in transitions)
            w.Sample("failover_transitions_total", t.Count, ("group", t.Group), ("to", t.To), ("reason", t.Cause));
    }

    private static void Adverts(ExpositionWriter w, IReadOnlyList<GroupReport> groups)
    {
        w.Family("failover_adverts_sent_total", "counter", "CARP advertisements sent.");
        foreach (var g in groups)
            w.Sample("failover_adverts_sent_total", g.Adverts.Sent, ("group", g.Name));
        w.Family("failover_adverts_received_total", "counter", "Valid CARP advertisements received from another node of the group.");
        foreach (var g in groups)
            w.Sample("failover_adverts_received_total", g.Adverts.Received, ("group", g.Name));
        w.Family("failover_adverts_rejected_total", "counter", "CARP packets received and refused, by reason.");
        foreach (var g in groups)
        {
            foreach (var reason in RejectReasons.Union(g.Adverts.Rejected.Keys).Order(StringComparer.Ordinal))
                w.Sample("failover_adverts_rejected_total", g.Adverts.Rejected.GetValueOrDefault(reason), ("group", g.Name), ("reason", reason));
        }
        w.Family("failover_advert_send_errors_total", "counter", "CARP advertisements that could not be sent (no carrier, no route).");
        foreach (var g in groups)
            w.Sample("failover_advert_send_errors_total", g.Adverts.SendErrors, ("group", g.Name));
    }

    /// <summary>The probes this node ran: of itself (target self) and of the peer (target peer); what the peer ran of
    /// this node is in the peer's own metrics.</summary>
    private static void Probes(ExpositionWriter w, IReadOnlyList<GroupReport> groups)
    {
        var probes = groups.SelectMany(g => g.Probes.Where(p => p.MeasuredBy is null)).ToArray();
        static (string, string)[] Labels(ProbeReport p) =>
            [("group", p.Group), ("probe", p.Name), ("kind", p.Kind), ("target", p.About is null ? "self" : "peer")];

        w.Family("failover_probe_up", "gauge", "1 while the probe's settled health is UP, 0 while DOWN or UNKNOWN.");
        foreach (var p in probes)
            w.Sample("failover_probe_up", p.Health == "UP" ? 1 : 0, Labels(p));
        w.Family("failover_probe_health", "gauge", "The probe's settled health: 1 for the current one of up, down and unknown.");
        foreach (var p in probes)
        {
            foreach (var health in Healths)
                w.Sample("failover_probe_health", p.Health.Equals(health, StringComparison.OrdinalIgnoreCase) ? 1 : 0, [.. Labels(p), ("health", health)]);
        }
        w.Family("failover_probe_latency_seconds", "gauge", "How long the probe's last run took.");
        foreach (var p in probes)
        {
            if (p.LatencyMs is { } ms)
                w.Sample("failover_probe_latency_seconds", ms / 1000, Labels(p));
        }
    }

    private static void Drbd(ExpositionWriter w, IReadOnlyList<GroupReport> groups)
    {
        var devices = groups.SelectMany(g => (g.Drbd ?? []).Select(d => (Group: g.Name, Device: d))).ToArray();
        w.Family("failover_drbd_connection_state", "gauge", "Always 1: the DRBD connection state as DRBD names it (Connected, SyncSource, StandAlone, ...) in a label.");
        foreach (var (group, d) in devices)
            w.Sample("failover_drbd_connection_state", 1, ("group", group), ("resource", d.Resource), ("state", d.Connection));
        w.Family("failover_drbd_disk_state", "gauge", "Always 1: each side's DRBD disk state (UpToDate, Outdated, DUnknown, ...) in a label.");
        foreach (var (group, d) in devices)
        {
            w.Sample("failover_drbd_disk_state", 1, ("group", group), ("resource", d.Resource), ("side", "local"), ("state", d.Disk));
            w.Sample("failover_drbd_disk_state", 1, ("group", group), ("resource", d.Resource), ("side", "peer"), ("state", d.PeerDisk));
        }
        w.Family("failover_drbd_role", "gauge", "Always 1: each side's DRBD role (Primary, Secondary, Unknown) in a label.");
        foreach (var (group, d) in devices)
        {
            w.Sample("failover_drbd_role", 1, ("group", group), ("resource", d.Resource), ("side", "local"), ("role", d.Role));
            w.Sample("failover_drbd_role", 1, ("group", group), ("resource", d.Resource), ("side", "peer"), ("role", d.PeerRole));
        }
        w.Family("failover_drbd_up_to_date", "gauge", "1 while this node's DRBD disk is UpToDate.");
        foreach (var (group, d) in devices)
            w.Sample("failover_drbd_up_to_date", d.Disk == "UpToDate" ? 1 : 0, ("group", group), ("resource", d.Resource));
        w.Family("failover_drbd_split_brain", "gauge", "1 while DRBD reports an unresolved split brain.");
        foreach (var (group, d) in devices)
            w.Sample("failover_drbd_split_brain", d.SplitBrain ? 1 : 0, ("group", group), ("resource", d.Resource));
        w.Family("failover_drbd_sync_ratio", "gauge", "How far a running resync or verify is, 0 to 1; absent while none runs.");
        foreach (var (group, d) in devices)
        {
            if (d.SyncPercent is { } percent)
                w.Sample("failover_drbd_sync_ratio", percent / 100, ("group", group), ("resource", d.Resource));
        }
    }

    private static void Steps(ExpositionWriter w, IReadOnlyList<StepDurations> steps)
    {
        const string name = "failover_chain_step_duration_seconds";
        w.Family(name, "histogram", "How long each on_master / on_backup chain step took, by result (ok, failed, timeout, undone).");
        foreach (var s in steps)
        {
            (string, string)[] labels = [("group", s.Group), ("chain", s.Chain), ("step", s.Step), ("result", s.Result)];
            long cumulative = 0;
            for (var i = 0; i < s.Buckets.Count; i++)
            {
                cumulative += s.Buckets[i];
                var le = i < StepDurations.UpperBounds.Count ? ExpositionWriter.Number(StepDurations.UpperBounds[i]) : "+Inf";
                w.Sample(name + "_bucket", cumulative, [.. labels, ("le", le)]);
            }
            w.Sample(name + "_sum", s.SumSeconds, labels);
            w.Sample(name + "_count", s.Count, labels);
        }
    }

    private static void Mail(ExpositionWriter w, MailReport? mail)
    {
        w.Family("failover_mail_spool_messages", "gauge", "Alert mails waiting in the spool for the relay.");
        if (mail is not null)
            w.Sample("failover_mail_spool_messages", mail.Spooled, ("relay", mail.Relay));
        w.Family("failover_mail_dead_letters", "gauge", "Alert mails given up on (in the spool's dead/ directory).");
        if (mail is not null)
            w.Sample("failover_mail_dead_letters", mail.DeadLetters, ("relay", mail.Relay));
    }

    private static void Peer(ExpositionWriter w, PeerReport? peer)
    {
        w.Family("failover_peer_reachable", "gauge", "1 while the peer channel hears the other node.");
        if (peer is not null)
            w.Sample("failover_peer_reachable", peer.Reachable ? 1 : 0, ("peer", peer.Node));
        w.Family("failover_peer_last_heard_seconds", "gauge", "When the peer channel last heard the other node, in seconds since the Unix epoch.");
        if (peer?.LastHeard is { } heard)
            w.Sample("failover_peer_last_heard_seconds", heard.ToUnixTimeMilliseconds() / 1000.0, ("peer", peer.Node));
        w.Family("failover_peer_group_state", "gauge", "The peer's CARP state of each group as last heard: 1 for the current state.");
        foreach (var g in peer?.Groups ?? [])
        {
            foreach (var state in States)
                w.Sample("failover_peer_group_state", g.State.Equals(state, StringComparison.OrdinalIgnoreCase) ? 1 : 0, ("peer", peer!.Node), ("group", g.Name), ("state", state));
        }
        w.Family("failover_peer_rejects_total", "counter", "Peer channel frames and handshakes refused, by reason.");
        foreach (var (reason, count) in (peer?.Rejects ?? new Dictionary<string, long>()).OrderBy(r => r.Key, StringComparer.Ordinal))
            w.Sample("failover_peer_rejects_total", count, ("peer", peer!.Node), ("reason", reason));
    }
}
