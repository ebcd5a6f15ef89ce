using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// A man in the middle of the peer channel records a genuine session (n1 → relay → n2) and replays its bytes on a new
/// connection: n2 refuses and counts it, keeps the genuine session, and nothing changes hands.
/// </summary>
public sealed class PeerReplayLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);

    [LabFact]
    public async Task A_recorded_session_replayed_to_the_peer_is_refused_and_counted_and_the_genuine_session_and_the_vip_stay()
    {
        await using var lab = new NetLab(output.WriteLine);
        var relay = await PeerRelay.Start(lab, lab.AddNode("relay", "192.0.2.3/24"), 7420, "192.0.2.2:7420");
        var n1 = Start(lab, "n1", "192.0.2.1", "n2", peerAddress: "192.0.2.3", advskew: 0);
        await n1.WaitForState(CarpState.Master, Election);
        var n2 = Start(lab, "n2", "192.0.2.2", "n1", peerAddress: "192.0.2.1", advskew: 50);
        await Poll.Until(() => n2.State == CarpState.Backup && Reachable(n1) && Reachable(n2), Election, "n2 backup, each node hears the other");

        // Let the genuine session (through the relay) carry a few snapshots, then take what n1 sent on it.
        await Poll.Until(() => relay.Recorded(1).Length > 1000, Election, "the relay recorded n1's hello and some snapshots");
        Assert.Equal(1, relay.Connections);
        var recorded = relay.Recorded(1);
        Assert.Equal("FP"u8.ToArray(), recorded[..2]);
        Assert.Equal(1, recorded[3]); // the session starts with n1's Hello
        var transitions = (Transitions(n1), Transitions(n2));
        var n2Mark = n2.Process.LineCount;

        var (sent, received, ended) = relay.Replay(1);
        output.WriteLine($"replayed {sent} bytes: {received} bytes back, {ended}");
        Assert.True(sent >= recorded.Length);
        Assert.Equal(0, received);            // no Welcome: the Hello's nonce was seen already
        Assert.Equal("closed by peer", ended);
        var refused = await n2.Process.WaitForLine(l => l.Contains("peer n1: inbound from 192.0.2.3:") && l.Contains("rejected ("),
            "n2 logging the refused replay", TimeSpan.FromSeconds(10), n2Mark);
        Assert.EndsWith("rejected (Replay)", refused.Text);
        await Poll.Until(() => Rejects(n2).TryGetValue("Replay", out var n) && n == 1, TimeSpan.FromSeconds(5), "n2 counts one Replay");
        var text = n2.Ctl("status");
        output.WriteLine(text.StdOut);
        Assert.Matches(@"(?m)^  channel      last heard .*, rejected: Replay 1$", text.StdOut);

        // The genuine session goes on: the same relayed connection, n2 keeps hearing n1, nobody changes state.
        await Poll.UntilSteady(() => Reachable(n2) && Reachable(n1) && n1.HoldsVip() && !n2.HoldsVip(), TimeSpan.FromSeconds(5), Election,
            "n2 hears n1 and n1 keeps the VIP after the replay");
        Assert.Equal(1, relay.Connections);
        Assert.True(relay.Recorded(1).Length > recorded.Length, "n1 still sends its snapshots on the recorded connection");
        Assert.Equal(["Replay"], Rejects(n2).Keys);
        Assert.Empty(Rejects(n1));
        Assert.Equal(transitions, (Transitions(n1), Transitions(n2)));
        Assert.DoesNotContain(n2.Process.Lines.Skip(n2Mark), l => l.Text.Contains("peer n1: unreachable") || l.Text.Contains("not heard"));
    }

    private static FailoverdNode Start(NetLab lab, string name, string address, string peer, string peerAddress, byte advskew)
    {
        var node = lab.AddNode(name, $"{address}/24");
        var group = new LabGroup { AdvSkew = advskew };
        return FailoverdNode.Start(lab, node, group, (socket, state) => FailoverdConfig.Render(node.Name, socket, state, group)
            + $"peer: {{ node: {peer}, address: {peerAddress}, interval: 300ms, silence: 3s }}\n");
    }

    private static bool Reachable(FailoverdNode node)
    {
        using var status = node.Status();
        return status.RootElement.GetProperty("peer").GetProperty("reachable").GetBoolean();
    }

    private static Dictionary<string, long> Rejects(FailoverdNode node)
    {
        using var status = node.Status();
        return status.RootElement.GetProperty("peer").TryGetProperty("rejects", out var rejects) && rejects.ValueKind == JsonValueKind.Object
            ? rejects.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64())
            : [];
    }

    private static int Transitions(FailoverdNode node) =>
        node.Process.Lines.Count(l => l.Text.Contains("group web: ") && l.Text.Contains(" -> ") && !l.Text.Contains("probe"));
}
