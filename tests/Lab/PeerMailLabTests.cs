using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Alert mail from a pair with the peer channel, through a real relay (aiosmtpd) in its own node: the mail carries the
/// peer's own state of the group, and says so when a service fails on both nodes (where the VIPs stay put).
/// </summary>
public sealed class PeerMailLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);
    private const string When = "state == master and probe.svc == down and peer.reachable and peer.probe.svc == up";

    [LabFact]
    public async Task The_node_that_takes_over_mails_it_with_its_own_state_and_the_peers_state_from_the_channel()
    {
        await using var lab = new NetLab(output.WriteLine);
        var sink = await SmtpSink.Start(lab, lab.AddNode("mx", "192.0.2.25/24"));
        var n1 = Start(lab, sink, "n1", "192.0.2.1", "n2", "192.0.2.2", lab.WriteFile("svc-n1", ""), advskew: 0);
        await n1.WaitForState(CarpState.Master, Election);
        var n2 = Start(lab, sink, "n2", "192.0.2.2", "n1", "192.0.2.1", lab.WriteFile("svc-n2", ""), advskew: 50);
        await Poll.Until(() => PeerSvc(n1) == "UP" && PeerSvc(n2) == "UP" && n2.State == CarpState.Backup, Election,
            "n2 backup, each node sees the other's svc UP");

        // n1 hands over; n2 takes over and mails it.
        var n2Mark = n2.Process.LineCount;
        Assert.True(n1.Ctl("release", "web").Succeeded);
        await n2.WaitForState(CarpState.Master, Election, n2Mark);
        await Poll.Until(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(10), "n2 holds the VIP");
        var mail = await sink.WaitFor("web: n2 took over (MASTER)", MailWait);
        output.WriteLine("----- BEGIN RECEIVED TAKEOVER MAIL -----");
        output.WriteLine(mail.TrimEnd());
        output.WriteLine("----- END RECEIVED TAKEOVER MAIL -----");
        LabRecord.Save("takeover-mail.txt", mail, output.WriteLine);

        Assert.Contains("Subject: [failover] web: n2 took over (MASTER)\n", mail);
        Assert.Contains("What:  n2 became MASTER of web and holds its VIPs\n", mail);
        Assert.Contains("Node:  n2\n", mail);
        Assert.Matches(@"(?m)^Why:   BACKUP -> MASTER: \S", mail);
        Assert.Matches(@"(?m)^  1\. vip add\s+\d+ ms\s+OK: added 192\.0\.2\.100/24$", mail);
        // This node's state, then the peer's own, from the channel (not "heard on the wire").
        Assert.Matches(@"(?m)^  n2  MASTER since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, link up, VIPs 192\.0\.2\.100/24$", mail);
        Assert.Matches(@"(?m)^      probe svc \(exec\) UP", mail);
        Assert.Matches(@"(?m)^  n1  (BACKUP|MASTER), link up \(from the peer channel\)$", mail);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(mail, @"(?m)^      probe svc \(exec\) UP").Count);
        Assert.DoesNotContain("heard on the wire", mail);
        Assert.DoesNotContain("not heard", mail);
    }

    [LabFact]
    public async Task A_service_failing_on_both_nodes_leaves_the_vip_put_and_the_masters_mail_says_the_peer_fails_too()
    {
        await using var lab = new NetLab(output.WriteLine);
        var sink = await SmtpSink.Start(lab, lab.AddNode("mx", "192.0.2.25/24"));
        var svc1 = lab.WriteFile("svc-n1", "");
        var svc2 = lab.WriteFile("svc-n2", "");
        var n1 = Start(lab, sink, "n1", "192.0.2.1", "n2", "192.0.2.2", svc1, advskew: 0);
        await n1.WaitForState(CarpState.Master, Election);
        var n2 = Start(lab, sink, "n2", "192.0.2.2", "n1", "192.0.2.1", svc2, advskew: 50);
        await Poll.Until(() => PeerSvc(n1) == "UP" && PeerSvc(n2) == "UP" && n2.State == CarpState.Backup, Election,
            "n2 backup, each node sees the other's svc UP");

        // n2 fails first (so n1 never sees a healthy peer while failing), then n1.
        File.Delete(svc2);
        await Poll.Until(() => PeerSvc(n1) == "DOWN", Election, "n1 sees n2's svc DOWN");
        var transitions = (Transitions(n1), Transitions(n2));
        File.Delete(svc1);
        await ProbeChange.WaitFor(n1, "svc", "DOWN", Election);
        var mail = await sink.WaitFor("web: probe svc DOWN on master n1", MailWait);
        output.WriteLine(mail);
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip(), TimeSpan.FromSeconds(4), Election, "n1 keeps the VIP while svc fails on both");
        Assert.Equal(transitions, (Transitions(n1), Transitions(n2)));
        Assert.DoesNotContain(n1.Process.Lines, l => l.Text.Contains("rule peer-better fired"));
        Assert.Equal(CarpState.Master, n1.State);
        Assert.Equal(CarpState.Backup, n2.State);

        Assert.Contains("What:  probe svc (exec) UP -> DOWN while this node is MASTER\n", mail);
        Assert.Matches(@"(?m)^Peer:  n2's probe svc is DOWN too \(.+\): the service fails on both nodes, so handing the VIPs to n2 would not help$", mail);
        Assert.Matches(@"(?m)^  n1  MASTER since .*VIPs 192\.0\.2\.100/24\n      probe svc \(exec\) DOWN", mail);
        Assert.Matches(@"(?m)^  n2  BACKUP, link up \(from the peer channel\)\n      probe svc \(exec\) DOWN", mail);
        // The backup mails nothing about its own probe (only a master's probes are news), and nobody took over.
        Assert.Empty(sink.WithSubject("probe svc DOWN on master n2"));
        Assert.Empty(sink.WithSubject("n2 took over"));
    }

    private static FailoverdNode Start(NetLab lab, SmtpSink sink, string name, string address, string peer, string peerAddress, string healthy, byte advskew)
    {
        var node = lab.AddNode(name, $"{address}/24");
        var group = new LabGroup
        {
            AdvSkew = advskew,
            Monitors = [$"{{ name: svc, exec: {{ argv: [/bin/sh, -c, \"test -e {healthy} || exit 2\"] }}, interval: 300ms, timeout: 3s, fall: 2, rise: 1 }}"],
            Rules = [$"{{ name: peer-better, when: \"{When}\", then: [demote] }}"],
        };
        return FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"peer: {{ node: {peer}, address: {peerAddress}, interval: 300ms, silence: 3s }}\n"
            + $"mail: {{ relay: \"{sink.Endpoint}\", tls: none, from: failover@example.test, to: [ops@example.test] }}\n");
    }

    private static string? PeerSvc(FailoverdNode node)
    {
        using var status = node.Status();
        var peer = status.RootElement.GetProperty("peer");
        return peer.GetProperty("reachable").GetBoolean() && peer.GetProperty("groups") is { ValueKind: JsonValueKind.Array } groups && groups.GetArrayLength() > 0
            ? groups[0].GetProperty("probes").EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "svc") is { ValueKind: JsonValueKind.Object } svc
                ? svc.GetProperty("health").GetString()
                : null
            : null;
    }

    private static int Transitions(FailoverdNode node) =>
        node.Process.Lines.Count(l => l.Text.Contains("group web: ") && l.Text.Contains(" -> ") && !l.Text.Contains("probe"));
}
