using System.Text.RegularExpressions;
using System.Xml.Linq;
using Failover.Control;
using Failover.Daemon.Http;

namespace Failover.Daemon.Tests.Http;

public sealed class StatusPageTests
{
    private static readonly DateTimeOffset Now = SampleReports.Now;

    private static string Svg(string html)
    {
        var match = Regex.Match(html, "<svg.*?</svg>", RegexOptions.Singleline);
        Assert.True(match.Success, "the page has an inline SVG timeline");
        return match.Value;
    }

    [Fact]
    public void Both_nodes_each_groups_state_vips_probes_and_drbd_are_on_the_page()
    {
        var html = StatusPage.Render(SampleReports.Pair(), [], Now);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<title>failover: n1 + n2</title>", html);
        Assert.Matches("id=\"node-local\"><h2>n1 .*?<span class=\"badge s-master big\">MASTER</span>", html);
        Assert.Matches("id=\"node-peer\"><h2>n2 .*?REACHABLE.*?<td>samba</td><td><span class=\"badge s-backup big\">BACKUP</span>", html);
        Assert.Contains("192.0.2.53/24, 192.0.2.54/24", html);
        Assert.Contains("<span class=\"badge h-down\">DOWN</span> named", html); // the peer's failing probe, by name
        Assert.Contains("rule dns-down: probe.named == down", html);
        Assert.Contains(">SyncSource</span>", html);
        Assert.Contains("42.5 %", html);
        Assert.Contains("this node, run by n2", html);
        Assert.Contains("the peer n2", html);
        Assert.Contains("12.5 ms", html);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"10\">", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html); // nothing fetched from elsewhere
    }

    [Fact]
    public void Every_text_from_the_report_is_escaped()
    {
        var report = SampleReports.Pair() with { Node = "<b>n1</b>" };
        var html = StatusPage.Render(report, [], Now);

        Assert.DoesNotContain("<b>n1</b>", html);
        Assert.Contains("&lt;b&gt;n1&lt;/b&gt;", html);
        Assert.Contains("connect 192.0.2.2:389: &lt;refused&gt; &amp; &quot;gone&quot;", html);
        Assert.DoesNotContain("<refused>", html);
    }

    [Fact]
    public void The_timeline_has_one_rectangle_per_state_period_titled_with_its_reason()
    {
        var journal = new FakeJournal();
        journal.Transition("samba", "BACKUP", "MASTER", "no advertisement for 3 s", Now.AddHours(-10));
        journal.Transition("samba", "MASTER", "BACKUP", "link down", Now.AddHours(-6));
        journal.Transition("samba", "BACKUP", "MASTER", "master 192.0.2.202 bowed out (<x>)", Now.AddMinutes(-42));
        journal.Transition("dns", "INIT", "BACKUP", "startup", Now.AddHours(-3));

        var svg = Svg(StatusPage.Render(SampleReports.Pair(), journal.Read(), Now));
        var doc = XDocument.Parse(svg); // well-formed, so escaping held
        XNamespace ns = "http://www.w3.org/2000/svg";
        var periods = doc.Descendants(ns + "rect").Where(r => ((string?)r.Attribute("class"))?.Contains("tl-seg") == true).ToArray();

        Assert.Equal(["BACKUP", "MASTER", "BACKUP", "MASTER", "BACKUP"], periods.Select(r => (string?)r.Attribute("data-state")));
        Assert.Contains("master 192.0.2.202 bowed out (<x>)", periods[3].Element(ns + "title")!.Value);
        Assert.Equal(4, doc.Descendants(ns + "line").Count(l => (string?)l.Attribute("class") == "tl-change"));
        // The periods of a row fill the bar: 24 h across 1000 px from x = 130.
        var samba = periods.Take(4).Select(r => (X: double.Parse((string)r.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture),
            W: double.Parse((string)r.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(130, samba[0].X);
        Assert.Equal(1130, samba[^1].X + samba[^1].W, 0.5);
        Assert.Equal(1000 * 4 / 24.0, samba[1].W, 0.5);
        Assert.Contains(doc.Descendants(ns + "text"), t => t.Value == "now");
    }

    [Fact]
    public void Without_a_journal_the_page_says_so_instead_of_drawing_a_history()
    {
        var html = StatusPage.Render(SampleReports.Pair(), null, Now);

        Assert.Contains("id=\"no-journal\"", html);
        Assert.DoesNotContain("<svg", html);
    }

    [Fact]
    public void Without_a_peer_section_the_second_card_says_what_carp_hears()
    {
        var html = StatusPage.Render(SampleReports.Pair() with { Peer = null }, [], Now);

        Assert.Contains("no peer: section", html);
        Assert.Contains("<td>dns</td><td class=\"mono\">192.0.2.202</td>", html);
    }

    [Fact]
    public void An_unreachable_peer_is_marked_and_its_states_are_as_last_heard()
    {
        var html = StatusPage.Render(SampleReports.Pair() with { Peer = SampleReports.Peer(reachable: false) }, [], Now);

        Assert.Contains("UNREACHABLE", html);
        Assert.Contains("as last heard", html);
    }

    [Fact]
    public void A_status_without_groups_still_renders()
    {
        var html = StatusPage.Render(new StatusReport("n1", "1.0", Now, []), [], Now);

        Assert.EndsWith("</html>\n", html);
        XDocument.Parse(Svg(html));
    }
}
