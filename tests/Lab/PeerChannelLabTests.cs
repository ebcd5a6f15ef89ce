using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Two failoverd with <c>peer:</c> configured: each sees the other's probes, a rule on peer facts hands the VIP over only
/// when the peer can do better (no ping-pong when the service fails on both), and a cut channel is a fact of its own.
/// </summary>
public sealed class PeerChannelLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);
    private const string When = "state == master and probe.svc == down and peer.reachable and peer.probe.svc == up";

    private static LabGroup Group(string healthy, byte advskew, string password = "secret", byte vhid = 42, string vip = "192.0.2.100/24") => new()
    {
        Vhid = vhid,
        Password = password,
        AdvSkew = advskew,
        Vips = [vip],
        Monitors = [$"{{ name: svc, exec: {{ argv: [/bin/sh, -c, \"test -e {healthy} || exit 2\"] }}, interval: 300ms, timeout: 3s, fall: 2, rise: 1 }}"],
        Rules = [$"{{ name: peer-better, when: \"{When}\", then: [demote] }}"],
    };

    private static FailoverdNode Start(NetLab lab, LabNode node, LabGroup group, string peerName, string peerAddress) =>
        FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"peer: {{ node: {peerName}, address: {peerAddress}, interval: 300ms, silence: 1500ms }}\n");

    private static JsonElement Peer(FailoverdNode node)
    {
        using var status = node.Status();
        return status.RootElement.GetProperty("peer").Clone();
    }

    private static string? PeerSvc(FailoverdNode node)
    {
        var peer = Peer(node);
        return peer.GetProperty("reachable").GetBoolean() && peer.GetProperty("groups") is { ValueKind: JsonValueKind.Array } groups && groups.GetArrayLength() > 0
            ? groups[0].GetProperty("probes").EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "svc") is { ValueKind: JsonValueKind.Object } svc
                ? svc.GetProperty("health").GetString()
                : null
            : null;
    }

    private static int Transitions(FailoverdNode node) => node.Process.Lines.Count(l => l.Text.Contains("group web: ") && l.Text.Contains(" -> ") && !l.Text.Contains("probe"));

    [LabFact]
    public async Task Peers_see_each_other_hand_over_only_when_the_peer_does_better_and_a_cut_channel_leaves_carp_alone()
    {
        await using var lab = new NetLab(output.WriteLine);
        var svc1 = lab.WriteFile("svc-n1", "");
        var svc2 = lab.WriteFile("svc-n2", "");
        var n1 = Start(lab, lab.AddNode("n1", "192.0.2.1/24"), Group(svc1, advskew: 0), "n2", "192.0.2.2");
        await n1.WaitForState(CarpState.Master, Election);
        var n2 = Start(lab, lab.AddNode("n2", "192.0.2.2/24"), Group(svc2, advskew: 50), "n1", "192.0.2.1");
        await n2.WaitForState(CarpState.Backup, Election);

        // Status on n1 shows n2: reachable, its version, its group's state and probe health.
        await Poll.Until(() => PeerSvc(n1) == "UP" && PeerSvc(n2) == "UP", Election, "each node sees the other's svc UP");
        var seen = Peer(n1);
        output.WriteLine(seen.ToString());
        Assert.Equal("n2", seen.GetProperty("node").GetString());
        Assert.Equal("192.0.2.2:7420", seen.GetProperty("address").GetString());
        Assert.False(string.IsNullOrEmpty(seen.GetProperty("version").GetString()));
        Assert.Equal("BACKUP", seen.GetProperty("groups")[0].GetProperty("state").GetString());
        var text = n1.Ctl("status");
        output.WriteLine(text.StdOut);
        Assert.Contains("peer n2 (192.0.2.2:7420)", text.StdOut);
        Assert.Contains("probe        web/svc (exec) UP", text.StdOut);

        // Failing on both nodes (n2 first, so n1 never sees a healthy peer while failing): the VIP stays put.
        File.Delete(svc2);
        await Poll.Until(() => PeerSvc(n1) == "DOWN", Election, "n1 sees n2's svc DOWN");
        var transitions = (Transitions(n1), Transitions(n2));
        File.Delete(svc1);
        await ProbeChange.WaitFor(n1, "svc", "DOWN", Election);
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip(), TimeSpan.FromSeconds(4), Election, "n1 keeps the VIP while svc fails on both");
        Assert.Equal(transitions, (Transitions(n1), Transitions(n2)));
        Assert.DoesNotContain(n1.Process.Lines, l => l.Text.Contains("rule peer-better fired"));
        var explain = n1.Ctl("explain", "web");
        output.WriteLine(explain.StdOut);
        Assert.Matches(@"peer\.probe\.svc\s+DOWN", explain.StdOut);
        Assert.Matches(@"peer\.reachable\s+yes", explain.StdOut);

        // The service is back on n2 only: now the peer does better, and n1 hands the VIP over.
        var n2Mark = n2.Process.LineCount;
        File.WriteAllText(svc2, "");
        var fired = await n1.Process.WaitForLine(l => l.Contains("rule peer-better fired"), "the rule fired", Election);
        Assert.EndsWith($"group web: rule peer-better fired: {When}; then demote", fired.Text);
        await n2.WaitForState(CarpState.Master, Election, n2Mark);
        await Poll.Until(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(5), "n2 holds the VIP");

        // Cut the channel: n2 drops all unicast to n1 (CARP adverts are multicast and still flow). Both see the peer
        // unreachable; nobody changes state.
        transitions = (Transitions(n1), Transitions(n2));
        lab.Exec(n2.Node, "ip", "route", "add", "blackhole", "192.0.2.1/32");
        await Poll.Until(() => !Peer(n1).GetProperty("reachable").GetBoolean() && !Peer(n2).GetProperty("reachable").GetBoolean(),
            Election, "both nodes see the peer unreachable");
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("peer n2: unreachable"));
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("peer n2: not heard; the rules decide on this node's facts alone"));
        text = n1.Ctl("status");
        output.WriteLine(text.StdOut);
        Assert.Contains("peer n2 (192.0.2.2:7420)  failoverd", text.StdOut);
        Assert.Contains("UNREACHABLE since", text.StdOut);
        Assert.Contains("(last heard, not used by the rules)", text.StdOut);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(4), Election, "n2 keeps the VIP with the channel cut");
        Assert.Equal(transitions, (Transitions(n1), Transitions(n2)));

        // A third node claims to be n2 with another secret (another group password derives another key): refused, counted.
        var n3 = Start(lab, lab.AddNode("n3", "192.0.2.3/24"), Group(svc2, advskew: 100, password: "other", vhid: 77, vip: "192.0.2.177/24") , "n1", "192.0.2.1");
        await Poll.Until(() => Peer(n1).GetProperty("rejects") is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("BadMac", out _),
            Election, "n1 counts the impostor's BadMac");
        Assert.False(Peer(n1).GetProperty("reachable").GetBoolean());
        Assert.Equal(transitions, (Transitions(n1), Transitions(n2)));
        await n3.Stop();

        // The channel back: reachable again.
        lab.Exec(n2.Node, "ip", "route", "del", "blackhole", "192.0.2.1/32");
        await Poll.Until(() => Peer(n1).GetProperty("reachable").GetBoolean(), Election, "n1 hears n2 again");
    }
}
