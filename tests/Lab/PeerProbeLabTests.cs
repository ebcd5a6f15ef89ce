using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// A probe run by one node against the other's server counts for the node it is about. ISC dhcpd ignores a probe its own
/// host sends, so each node runs <c>for: peer</c> dhcp against the other: n2's measurement of n1's real dhcpd is n1's
/// <c>probe.dhcp</c>, judged by n1's rules, shown by n1's status as measured by n2, and unknown once the channel is cut.
/// dhcpd runs on n1 only, as on a pair whose dhcpd follows the VIP once n1 has handed it over; so only n1 has the rule
/// (on n2, n1's view of n2's absent dhcpd would bounce the VIP straight back).
/// </summary>
/// <remarks>
/// dhcpd's packet socket also sees the DISCOVERs its own host sends to the other node, and answers them: n1's probe of
/// n2 gets n1's own offer, which expect_server turns into DOWN. Hence one dhcpd: with one on each node a probe would
/// race its own host's offer against the peer's.
/// </remarks>
public sealed class PeerProbeLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private const string When = "state == master and probe.dhcp == down";

    /// <summary>Both nodes the same monitor, each aimed at the other; the rule judges this node's own dhcpd.</summary>
    private static LabGroup Group(string self, string peer, byte advskew, bool rule) => new()
    {
        AdvSkew = advskew,
        Monitors =
        [
            $"{{ name: dhcp, for: peer, dhcp: {{ server: {peer}, local: {self}, expect_server: {peer} }}, interval: 1s, timeout: 3s, rise: 1, fall: 2 }}",
        ],
        Rules = rule ? [$"{{ name: own-dhcpd, when: \"{When}\", then: [demote] }}"] : null,
    };

    private static FailoverdNode Start(NetLab lab, LabNode node, LabGroup group, string peerName, string peerAddress) =>
        FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"peer: {{ node: {peerName}, address: {peerAddress}, interval: 300ms, silence: 3s }}\n");

    /// <summary>The group's probe named dhcp as failoverctl status --json gives it: the one measured by the peer, or the one
    /// this node runs of the peer.</summary>
    private static JsonElement? Dhcp(FailoverdNode node, string field, string peer)
    {
        using var status = node.Status();
        foreach (var probe in status.RootElement.GetProperty("groups")[0].GetProperty("probes").EnumerateArray())
        {
            if (probe.GetProperty("name").GetString() == "dhcp" && probe.TryGetProperty(field, out var by) && by.GetString() == peer)
                return probe.Clone();
        }
        return null;
    }

    private static string? Health(JsonElement? probe) => probe?.GetProperty("health").GetString();

    private static string? Reason(JsonElement? probe) =>
        probe is { } p && p.TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    [LabFact]
    public async Task The_peers_dhcp_probe_of_this_node_is_its_own_probe_demotes_it_when_down_and_is_unknown_with_the_channel_cut()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1Node = lab.AddNode("n1", "192.0.2.1/24");
        var dhcpd = await IscDhcpdServer.Start(lab, n1Node);
        var n2Node = lab.AddNode("n2", "192.0.2.2/24");
        var n1 = Start(lab, n1Node, Group("192.0.2.1", "192.0.2.2", advskew: 0, rule: true), "n2", "192.0.2.2");
        await n1.WaitForState(CarpState.Master, Election);
        // Alone, n1's probe.dhcp is unknown (nobody measures it): the rule does not fire on that.
        var alone = Dhcp(n1, "measured_by", "n2");
        Assert.Equal(("UNKNOWN", "measured by peer n2: peer channel down"), (Health(alone), Reason(alone)));
        var n2 = Start(lab, n2Node, Group("192.0.2.2", "192.0.2.1", advskew: 50, rule: false), "n1", "192.0.2.1");
        await n2.WaitForState(CarpState.Backup, Election);

        // n2 asks n1's dhcpd (relayed through 192.0.2.2): n1's own probe.dhcp is UP, measured by n2.
        await Poll.Until(() => Health(Dhcp(n1, "measured_by", "n2")) == "UP", Settle, "n1's probe dhcp UP as measured by n2");
        Assert.Matches(@"^DHCPOFFER of 192\.0\.2\.1(5\d|60) from 192\.0\.2\.1 in \d+(\.\d)? m?s$", Reason(Dhcp(n1, "measured_by", "n2")));
        // n1's own run, of n2 (no dhcpd), is n2's health (peer.probe.dhcp on n1): DOWN, and no reason for n1 to demote.
        await Poll.Until(() => Health(Dhcp(n1, "about", "n2")) == "DOWN", Settle, "n1's probe of n2's dhcpd DOWN");
        var text = n1.Ctl("status");
        output.WriteLine(text.StdOut);
        Assert.Matches(@"probe        dhcp \(dhcp\) UP: DHCPOFFER of [0-9.]+ from 192\.0\.2\.1 in [^\n]* \[measured by n2\]", text.StdOut);
        Assert.Matches(@"probe        dhcp \(dhcp\) DOWN since [0-9:]+: [^\n]* \[of peer n2\]", text.StdOut);
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("group web: probe peer.dhcp (dhcp) UNKNOWN -> DOWN"));
        Assert.Contains(n2.Process.Lines, l => l.Text.Contains("group web: probe peer.dhcp (dhcp) UNKNOWN -> UP"));
        Assert.Contains(dhcpd.Process.Lines, l => l.Text.Contains("DHCPDISCOVER from 02:66:78:64:00:01 via 192.0.2.2"));
        Assert.True(n1.HoldsVip() && !n2.HoldsVip(), "n1 keeps the VIP while n2 measures its dhcpd up");

        // n1's dhcpd stops: n2 measures it down, n1's rule reads that as its own probe.dhcp and n1 bows out.
        var n2Mark = n2.Process.LineCount;
        await dhcpd.Stop();
        var fired = await n1.Process.WaitForLine(l => l.Contains("rule own-dhcpd fired"), "n1's rule on probe.dhcp fired", Settle);
        Assert.EndsWith($"group web: rule own-dhcpd fired: {When}; then demote", fired.Text);
        await n2.WaitForState(CarpState.Master, Election, n2Mark);
        await Poll.Until(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(10), "n2 holds the VIP");
        var down = Dhcp(n1, "measured_by", "n2");
        // n2's measurement, word for word (its probe socket also sees n1's DISCOVERs to n2, which it counts as ignored).
        Assert.Equal("DOWN", Health(down));
        Assert.Matches(@"^no DHCPOFFER in 2\.7 s(; ignored [^;]+)*$", Reason(down));
        Assert.Contains(n2.Process.Lines, l => l.Text.Contains("group web: probe peer.dhcp (dhcp) UP -> DOWN: 2 failures in a row, last: no DHCPOFFER in 2.7 s"));

        // The channel cut (n2 drops all unicast to n1; CARP adverts are multicast): n1's probe.dhcp is unknown, with why,
        // never the DOWN last heard.
        lab.Exec(n2.Node, "ip", "route", "add", "blackhole", "192.0.2.1/32");
        await Poll.Until(() => Health(Dhcp(n1, "measured_by", "n2")) == "UNKNOWN", Settle, "n1's probe dhcp UNKNOWN with the channel cut");
        Assert.Equal("measured by peer n2: peer channel down", Reason(Dhcp(n1, "measured_by", "n2")));
        var explain = n1.Ctl("explain", "web");
        output.WriteLine(explain.StdOut);
        Assert.Matches(@"probe\.dhcp\s+UNKNOWN\s+since start \(dhcp, measured by n2\): measured by peer n2: peer channel down", explain.StdOut);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(4), Election, "the VIP stays on n2");
    }
}
