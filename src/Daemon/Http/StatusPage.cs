using System.Globalization;
using System.Text;
using Failover.Control;
using Failover.Daemon.Journal;
using static System.Net.WebUtility;

namespace Failover.Daemon.Http;

/// <summary>
/// The read-only status page: both nodes and each group's state side by side, then each group's VIPs, probes,
/// DRBD and last chain, then the last 24 hours of transitions as a picture. One HTML document with inline CSS and
/// SVG, no script and no external resource; every text from the report or the journal is escaped.
/// </summary>
public static class StatusPage
{
    public const string ContentType = "text/html; charset=utf-8";
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <param name="journal">The journal's events of the last <see cref="Window"/> (transitions are used); null: no journal.</param>
    public static string Render(StatusReport report, IReadOnlyList<JournalEvent>? journal, DateTimeOffset now)
    {
        var peerName = report.Peer?.Node;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"10\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>failover: ").Append(E(report.Node)).Append(peerName is null ? "" : " + " + E(peerName)).Append("</title>")
            .Append("<style>").Append(StatusPageStyle.Css).Append("</style></head><body>");
        html.Append("<header><h1>Failover pair: ").Append(E(report.Node)).Append(peerName is null ? "" : " · " + E(peerName)).Append("</h1>")
            .Append("<span class=\"meta\">as seen by ").Append(E(report.Node)).Append(" at ").Append(Stamp(now))
            .Append(" · refreshes every 10 s</span></header><main>");
        Findings(html, PairFindings.Of(report));
        html.Append("<section class=\"pair\">");
        ThisNode(html, report, now);
        PeerNode(html, report.Peer, report.Groups, now);
        html.Append("</section>");
        Timeline(html, report, journal, now);
        foreach (var group in report.Groups)
            Group(html, group, now);
        html.Append("</main><footer>Prometheus metrics: <a href=\"/metrics\">/metrics</a> · failoverd ")
            .Append(E(report.Version)).Append(" · read-only page, no login: bind it to localhost or put it behind a proxy</footer></body></html>\n");
        return html.ToString();
    }

    /// <summary>The CSS class of a CARP state, shared with the timeline's rectangles.</summary>
    public static string StateClass(string state) => state.ToUpperInvariant() switch
    {
        "MASTER" => "s-master",
        "BACKUP" => "s-backup",
        "INIT" => "s-init",
        TransitionTimeline.Stopped => "s-stopped",
        _ => "s-unknown",
    };

    private static void Findings(StringBuilder html, IReadOnlyList<string> findings)
    {
        if (findings.Count == 0)
        {
            html.Append("<div class=\"banner ok\" id=\"findings\">Every group has one master; nothing needs attention.</div>");
            return;
        }
        html.Append("<div class=\"banner attention\" id=\"findings\"><strong>").Append(findings.Count == 1 ? "1 thing needs" : $"{findings.Count} things need")
            .Append(" attention</strong><ul>");
        foreach (var finding in findings)
            html.Append("<li>").Append(E(finding)).Append("</li>");
        html.Append("</ul></div>");
    }

    private static void ThisNode(StringBuilder html, StatusReport report, DateTimeOffset now)
    {
        html.Append("<div class=\"card\" id=\"node-local\"><h2>").Append(E(report.Node)).Append(" <span class=\"muted\">this node</span></h2>")
            .Append("<div class=\"sub\">failoverd ").Append(E(report.Version)).Append(" · running since ").Append(When(report.Started, now))
            .Append(report.Standby is null ? "" : " · <span class=\"badge h-down\">STANDBY</span>")
            .Append(report.Maintenance is null ? "" : " · <span class=\"badge h-unknown\">MAINTENANCE</span>").Append("</div>")
            .Append("<table><tr><th>Group</th><th>State</th><th>VIPs</th><th>Link</th></tr>");
        foreach (var g in report.Groups)
        {
            html.Append("<tr><td><a href=\"#group-").Append(E(g.Name)).Append("\">").Append(E(g.Name)).Append("</a></td><td>").Append(StateBadge(g.State, big: true))
                .Append("</td><td class=\"mono\">").Append(E(string.Join(", ", g.Vips)))
                .Append(g.State == "MASTER" ? " <span class=\"muted\">held here</span>" : "")
                .Append("</td><td>").Append(g.Link == "up" ? "up" : "<span class=\"alert\">down</span>").Append("</td></tr>");
        }
        html.Append("</table></div>");
    }

    private static void PeerNode(StringBuilder html, PeerReport? peer, IReadOnlyList<GroupReport> groups, DateTimeOffset now)
    {
        if (peer is null)
        {
            html.Append("<div class=\"card\" id=\"node-peer\"><h2><span class=\"muted\">no peer</span></h2>")
                .Append("<div class=\"sub\">no peer: section: this node sees the other node only through CARP adverts</div><table><tr><th>Group</th><th>Master heard</th></tr>");
            foreach (var g in groups)
                html.Append("<tr><td>").Append(E(g.Name)).Append("</td><td class=\"mono\">").Append(E(g.Master ?? "none")).Append("</td></tr>");
            html.Append("</table></div>");
            return;
        }
        html.Append("<div class=\"card\" id=\"node-peer\"><h2>").Append(E(peer.Node)).Append(" <span class=\"muted\">peer</span></h2><div class=\"sub\">")
            .Append(peer.Reachable ? "<span class=\"badge h-up\">REACHABLE</span>" : "<span class=\"badge h-down\">UNREACHABLE</span>")
            .Append(" since ").Append(When(peer.Since, now)).Append(" · ").Append(E(peer.Address))
            .Append(peer.Version is { } v ? " · failoverd " + E(v) : "")
            .Append(peer.LastHeard is { } heard ? " · last heard " + When(heard, now) : " · never heard").Append("</div>");
        if (peer.Groups.Count == 0)
        {
            html.Append("<p class=\"muted\">nothing heard from the peer yet</p></div>");
            return;
        }
        html.Append("<table><tr><th>Group</th><th>State</th><th>Probes</th><th>Link</th></tr>");
        foreach (var g in peer.Groups)
        {
            var down = g.Probes.Where(p => p.Health != "UP").ToArray();
            html.Append("<tr><td>").Append(E(g.Name)).Append("</td><td>").Append(StateBadge(g.State, big: true))
                .Append(peer.Reachable ? "" : " <span class=\"muted\">as last heard</span>").Append("</td><td>")
                .Append(g.Probes.Count == 0 ? "<span class=\"muted\">none</span>"
                    : down.Length == 0 ? $"<span class=\"badge h-up\">{g.Probes.Count} UP</span>"
                    : string.Join(" ", down.Select(p => HealthBadge(p.Health) + " " + E(p.Name))))
                .Append("</td><td>").Append(g.Link == "up" ? "up" : "<span class=\"alert\">" + E(g.Link) + "</span>").Append("</td></tr>");
        }
        html.Append("</table></div>");
    }

    private static void Group(StringBuilder html, GroupReport g, DateTimeOffset now)
    {
        html.Append("<section class=\"group\" id=\"group-").Append(E(g.Name)).Append("\"><h2>").Append(E(g.Name)).Append(' ').Append(StateBadge(g.State, big: false))
            .Append(" <span class=\"muted\" style=\"font-weight:400;font-size:13px\">vhid ").Append(g.Vhid.ToString(CultureInfo.InvariantCulture))
            .Append(" on ").Append(E(g.Interface)).Append(", source ").Append(E(g.Source)).Append("</span></h2><div class=\"facts\">")
            .Append("<div><span>VIPs</span><span class=\"mono\" style=\"color:inherit\">").Append(E(string.Join(", ", g.Vips))).Append("</span></div>")
            .Append("<div><span>master</span>").Append(g.State == "MASTER" ? "this node" : g.Master is { } master ? "<span class=\"mono\">" + E(master) + "</span>" : "<span class=\"alert\">none heard</span>").Append("</div>");
        if (g.LastTransition is { } t)
            html.Append("<div><span>last change</span>").Append(E(t.From)).Append(" → ").Append(E(t.To)).Append(' ').Append(When(t.At, now))
                .Append(" <span class=\"why\">(").Append(E(t.Reason)).Append(")</span></div>");
        html.Append("<div><span>may be master</span>").Append(g.Ineligible is { } why ? "<span class=\"alert\">no</span> <span class=\"why\">" + E(why) + "</span>" : "yes").Append("</div>");
        if (g.Preference != "none")
            html.Append("<div><span>admin</span><span class=\"alert\">").Append(E(g.Preference)).Append("</span></div>");
        if (g.Hold is { } hold)
            html.Append("<div><span>chain hold</span><span class=\"alert\">until ").Append(Stamp(hold.Until)).Append("</span> <span class=\"why\">").Append(E(hold.Reason)).Append("</span></div>");
        var rejected = g.Adverts.Rejected.Values.Sum();
        html.Append("<div><span>adverts</span>").Append(Count(g.Adverts.Sent)).Append(" sent, ").Append(Count(g.Adverts.Received)).Append(" received")
            .Append(rejected > 0 ? ", <span class=\"alert\">" + Count(rejected) + " rejected</span> <span class=\"why\">(" + E(string.Join(", ", g.Adverts.Rejected.Select(r => $"{r.Key} {r.Value}"))) + ")</span>" : "")
            .Append("</div></div>");
        Probes(html, g.Probes);
        Drbd(html, g.Drbd);
        if (g.LastChain is { } chain)
        {
            html.Append("<h3>Last chain</h3><div>").Append(E(chain.Chain)).Append(": ").Append(OutcomeBadge(chain.Outcome)).Append(' ')
                .Append(E(chain.Summary)).Append(" <span class=\"why\">").Append(When(chain.Started, now)).Append(", ")
                .Append((chain.DurationMs / 1000).ToString("0.0", CultureInfo.InvariantCulture)).Append(" s, because ").Append(E(chain.Reason)).Append("</span></div>");
        }
        html.Append("</section>");
    }

    private static void Probes(StringBuilder html, IReadOnlyList<ProbeReport> probes)
    {
        if (probes.Count == 0)
            return;
        html.Append("<h3>Probes</h3><table><tr><th>Probe</th><th>Kind</th><th>Measures</th><th>Health</th><th>Reason</th><th>Latency</th></tr>");
        foreach (var p in probes)
        {
            var subject = p.MeasuredBy is { } by ? $"this node, run by {by}" : p.About is { } about ? $"the peer {about}" : "this node";
            html.Append("<tr><td>").Append(E(p.Name)).Append("</td><td>").Append(E(p.Kind)).Append("</td><td>").Append(E(subject))
                .Append("</td><td>").Append(HealthBadge(p.Health)).Append("</td><td class=\"why\">").Append(E(p.Reason ?? ""))
                .Append("</td><td>").Append(p.LatencyMs is { } ms ? ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "").Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Drbd(StringBuilder html, IReadOnlyList<DrbdReport>? devices)
    {
        if (devices is not { Count: > 0 })
            return;
        html.Append("<h3>DRBD</h3><table><tr><th>Resource</th><th>Connection</th><th>Role (here / peer)</th><th>Disk (here / peer)</th><th>Resync</th></tr>");
        foreach (var d in devices)
        {
            var connection = d.SplitBrain ? "h-down" : d.Connection is "Connected" or "Established" ? "h-up" : d.Connection.StartsWith("Sync", StringComparison.Ordinal) ? "h-warn" : "h-down";
            html.Append("<tr><td class=\"mono\">").Append(E(d.Resource)).Append("</td><td><span class=\"badge ").Append(connection).Append("\">")
                .Append(E(d.Connection)).Append("</span>").Append(d.SplitBrain ? " <span class=\"alert\">split brain</span>" : "")
                .Append("</td><td>").Append(E(d.Role)).Append(" / ").Append(E(d.PeerRole))
                .Append("</td><td>").Append(Disk(d.Disk)).Append(" / ").Append(Disk(d.PeerDisk))
                .Append("</td><td>").Append(d.SyncPercent is { } percent ? percent.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "").Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Timeline(StringBuilder html, StatusReport report, IReadOnlyList<JournalEvent>? journal, DateTimeOffset now)
    {
        html.Append("<h2>CARP states on ").Append(E(report.Node)).Append(" over the last 24 hours</h2><div class=\"timeline-card\">");
        if (journal is null)
        {
            html.Append("<p class=\"muted\" id=\"no-journal\">no journal: this failoverd keeps no event journal, so there is no history to draw</p></div>");
            return;
        }
        var from = now - Window;
        var rows = report.Groups.Select(g => (g.Name, TransitionTimeline.Segments(journal.Where(e => e.Group == g.Name), g.State, from, now))).ToArray();
        html.Append(TimelineSvg.Render(rows, from, now))
            .Append("<div class=\"legend\"><span><i class=\"s-master\"></i>MASTER</span><span><i class=\"s-backup\"></i>BACKUP</span>")
            .Append("<span><i class=\"s-init\"></i>INIT</span><span><i class=\"s-stopped\"></i>failoverd stopped</span>")
            .Append("<span><i class=\"tl-none-key\"></i>no record</span><span>hours in UTC; a dark tick is a change; hover a period for why</span></div></div>");
    }

    private static string StateBadge(string state, bool big) =>
        $"<span class=\"badge {StateClass(state)}{(big ? " big" : "")}\">{E(state)}</span>";

    private static string HealthBadge(string health) => health switch
    {
        "UP" => "<span class=\"badge h-up\">UP</span>",
        "DOWN" => "<span class=\"badge h-down\">DOWN</span>",
        _ => $"<span class=\"badge h-unknown\">{E(health)}</span>",
    };

    private static string OutcomeBadge(string outcome) =>
        $"<span class=\"badge {(outcome == "succeeded" ? "h-up" : "h-down")}\">{E(outcome)}</span>";

    private static string Disk(string disk) => disk == "UpToDate" ? E(disk) : $"<span class=\"alert\">{E(disk)}</span>";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>"21:03:12 UTC (4 min ago)": the time and how long ago, which is what a glance wants.</summary>
    private static string When(DateTimeOffset at, DateTimeOffset now)
    {
        var ago = now - at;
        var age = ago < TimeSpan.FromMinutes(1) ? $"{Math.Max(0, (int)ago.TotalSeconds)} s ago"
            : ago < TimeSpan.FromHours(1) ? $"{(int)ago.TotalMinutes} min ago"
            : ago < TimeSpan.FromDays(2) ? $"{(int)ago.TotalHours} h {ago.Minutes} min ago"
            : $"{(int)ago.TotalDays} days ago";
        return $"{Stamp(at)} <span class=\"muted\">({age})</span>";
    }

    private static string E(string text) => HtmlEncode(text);
}
