using System.Globalization;
using System.Text.RegularExpressions;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// The http: endpoint of a real pair: n1 on its default loopback address, n2 on an address written in its config.
/// /metrics and / are fetched with curl inside the namespaces, and the page is rendered by headless Chromium.
/// </summary>
public sealed class HttpEndpointLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(25);

    private static LabGroup Group(string healthy, SimulatedDrbdPair drbd, LabNode node, byte advskew) => new()
    {
        AdvSkew = advskew,
        Monitors =
        [
            $"{{ name: svc, exec: {{ argv: [/bin/sh, -c, \"test -e {healthy} || exit 2\"] }}, interval: 500ms, timeout: 3s, fall: 1, rise: 1 }}",
            $"{{ name: disks, drbd: {{ resources: [r0], source: events2, command: [{drbd.Drbdsetup(node)}, events2, all] }}, interval: 2s, timeout: 3s, rise: 1, fall: 1 }}",
        ],
    };

    private static FailoverdNode Start(NetLab lab, LabNode node, LabGroup group, string peerName, string peerAddress, string http,
        string? journal = null) =>
        FailoverdNode.Start(lab, node, group, (socket, state) =>
        {
            if (journal is not null)
                File.WriteAllText(Path.Combine(state, "events.jsonl"), journal);
            return FailoverdConfig.Render(node.Name, socket, state, group)
                + $"peer: {{ node: {peerName}, address: {peerAddress}, interval: 300ms, silence: 1500ms }}\n" + http + "\n";
        });

    /// <summary>
    /// A day n1's journal could hold before this run, in the journal's own format: master most of the day, a link
    /// loss, an admin release, then failoverd stopped an hour ago (a master's "shutdown"). The page must draw it.
    /// </summary>
    private static string EarlierDay(DateTimeOffset now)
    {
        (double HoursAgo, string From, string To, string Reason)[] day =
        [
            (23, "INIT", "BACKUP", "startup"),
            (22.99, "BACKUP", "MASTER", "no advertisement for 3 s"),
            (14, "MASTER", "BACKUP", "link down"),
            (13.8, "BACKUP", "MASTER", "no advertisement for 3 s"),
            (6, "MASTER", "BACKUP", "released by admin"),
            (5.5, "BACKUP", "MASTER", "master 192.0.2.2 bowed out (advbase 255, advskew 255)"),
            (1, "MASTER", "BACKUP", "shutdown"),
        ];
        return string.Concat(day.Select((t, i) => System.Text.Json.JsonSerializer.Serialize(new
        {
            seq = i + 1,
            at = now.AddHours(-t.HoursAgo).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            kind = "transition",
            group = "web",
            text = $"group web: {t.From} -> {t.To} ({t.Reason})",
            fields = new { from = t.From, to = t.To, reason = t.Reason },
        }) + "\n"));
    }

    [LabFact]
    public async Task Metrics_and_the_status_page_show_the_pair_and_chromium_renders_the_page()
    {
        await using var lab = new NetLab(output.WriteLine) { ExecTimeout = TimeSpan.FromSeconds(120) };
        var curl = LabTool.Require("curl", "curl");
        var chromium = LabTool.Require("chromium", "chromium");
        var node1 = lab.AddNode("n1", "192.0.2.1/24");
        var node2 = lab.AddNode("n2", "192.0.2.2/24");
        var drbd = SimulatedDrbdPair.Create(lab, "r0", node1, node2);
        var n1 = Start(lab, node1, Group(lab.WriteFile("svc-n1", ""), drbd, node1, advskew: 0), "n2", "192.0.2.2", "http: {}",
            EarlierDay(DateTimeOffset.UtcNow));
        await n1.WaitForState(CarpState.Master, Election);
        var n2 = Start(lab, node2, Group(lab.WriteFile("svc-n2", ""), drbd, node2, advskew: 50), "n1", "192.0.2.1", "http: { listen: 192.0.2.2:9640 }");
        await n2.WaitForState(CarpState.Backup, Election);
        // What an on_master chain with a drbd step would have done, and a resync after n2 was away.
        drbd.SetRole(node1, "Primary");
        drbd.Resync(node1, node2, 62.5);

        string Get(LabNode from, string url)
        {
            var result = lab.Exec(from, curl, "-sS", "--max-time", "20", url);
            Assert.True(result.Succeeded, $"curl {url} from {from.Name}: exit {result.ExitCode}: {result.StdErr}");
            return result.StdOut;
        }
        string Code(LabNode from, string method, string url) =>
            lab.Exec(from, curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", method, "--max-time", "20", url).StdOut;

        const string Local = "http://127.0.0.1:9640";
        var metrics = "";
        await Poll.Until(() =>
        {
            metrics = Get(node1, Local + "/metrics");
            return Sample(metrics, "failover_peer_group_state{peer=\"n2\",group=\"web\",state=\"backup\"}") == 1
                && Sample(metrics, "failover_drbd_connection_state{group=\"web\",resource=\"r0\",state=\"SyncSource\"}") == 1
                && Sample(metrics, "failover_drbd_role{group=\"web\",resource=\"r0\",side=\"local\",role=\"Primary\"}") == 1
                && Sample(metrics, "failover_probe_up{group=\"web\",probe=\"svc\",kind=\"exec\",target=\"self\"}") == 1;
        }, Election, "n1's metrics show n2 BACKUP, svc UP, n1 Primary and the resync");
        output.WriteLine(metrics);
        LabRecord.Save("metrics-n1.txt", metrics, output.WriteLine);

        Assert.Equal(1, Sample(metrics, "failover_group_state{group=\"web\",state=\"master\"}"));
        Assert.Equal(0, Sample(metrics, "failover_group_state{group=\"web\",state=\"backup\"}"));
        Assert.True(Sample(metrics, "failover_adverts_sent_total{group=\"web\"}") > 0);
        Assert.Equal(0, Sample(metrics, "failover_adverts_rejected_total{group=\"web\",reason=\"bad_hmac\"}"));
        Assert.InRange(Sample(metrics, "failover_probe_latency_seconds{group=\"web\",probe=\"svc\",kind=\"exec\",target=\"self\"}")!.Value, 0, 3);
        Assert.Equal(1, Sample(metrics, "failover_peer_reachable{peer=\"n2\"}"));
        Assert.Equal(0.625, Sample(metrics, "failover_drbd_sync_ratio{group=\"web\",resource=\"r0\"}"));
        foreach (var family in new[] { "failover_transitions_total counter", "failover_chain_step_duration_seconds histogram", "failover_mail_spool_messages gauge" })
            Assert.Contains("# TYPE " + family + "\n", metrics);

        // n2 listens on the address its config names, so n1 reaches it; n1's default is loopback, which n2 cannot reach.
        var metrics2 = "";
        await Poll.Until(() =>
        {
            metrics2 = Get(node1, "http://192.0.2.2:9640/metrics");
            return Sample(metrics2, "failover_adverts_received_total{group=\"web\"}") > 0
                && Sample(metrics2, "failover_drbd_disk_state{group=\"web\",resource=\"r0\",side=\"local\",state=\"Inconsistent\"}") == 1;
        }, Election, "n2's metrics, fetched from n1, show n1's adverts heard and n2's disk Inconsistent");
        Assert.Equal(1, Sample(metrics2, "failover_group_state{group=\"web\",state=\"backup\"}"));
        Assert.Equal(7, lab.Exec(node2, curl, "-sS", "--max-time", "5", "http://192.0.2.1:9640/metrics").ExitCode); // connection refused
        Assert.Equal(("404", "405"), (Code(node1, "GET", Local + "/nothing"), Code(node1, "POST", Local + "/metrics")));

        var page = Get(node1, Local + "/");
        LabRecord.Save("status-page-n1.html", page, output.WriteLine);
        Assert.Contains("Failover pair: n1 · n2", page);
        Assert.Matches("id=\"node-local\">.*?s-master big\">MASTER<", page);
        Assert.Matches("id=\"node-peer\">.*?REACHABLE.*?s-backup big\">BACKUP<", page);
        Assert.Contains("192.0.2.100/24", page);
        Assert.Contains(">SyncSource</span>", page);
        Assert.Contains("web: DRBD r0 resyncing, 62.5 % done", page);
        Assert.Contains("<td>svc</td><td>exec</td>", page);
        // The timeline draws the earlier day from the journal (four MASTER periods, the hour failoverd was stopped)
        // and this run's MASTER period; the counters count this run only.
        Assert.Contains("<svg class=\"timeline\"", page);
        Assert.Equal(4, Regex.Matches(page, "data-state=\"MASTER\"").Count);
        Assert.Contains("data-state=\"STOPPED\"", page);
        Assert.Equal(1, Sample(metrics, "failover_transitions_total{group=\"web\",to=\"master\",reason=\"master_down\"}"));

        var png = Path.Combine(lab.WorkDirectory, "status-page.png");
        var shot = lab.Exec(node1, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            $"--user-data-dir={Path.Combine(lab.WorkDirectory, "chromium")}", $"--screenshot={png}", "--window-size=1280,900", Local + "/");
        output.WriteLine($"chromium exit {shot.ExitCode}: {shot.StdErr}");
        Assert.True(File.Exists(png), "chromium wrote no screenshot");
        var bytes = File.ReadAllBytes(png);
        var pixels = PngPixels.Read(bytes);
        output.WriteLine($"screenshot: {bytes.Length} bytes, {pixels}");
        LabRecord.Save("status-page.png", bytes, output.WriteLine);
        Assert.Equal((1280, 900), (pixels.Width, pixels.Height));
        Assert.True(bytes.Length > 20_000, $"a {bytes.Length}-byte screenshot is too small to show the page");
        Assert.True(pixels.DistinctColours > 50, $"the screenshot has {pixels.DistinctColours} colours: blank or an error page");
    }

    /// <summary>The value of the sample whose name and labels are written exactly so; null when it is absent.</summary>
    private static double? Sample(string metrics, string series)
    {
        var match = Regex.Match(metrics, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }
}
