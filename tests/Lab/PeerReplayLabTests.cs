using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// A man in the middle of the peer channel records a genuine session (n1 → relay → n2) and replays its bytes on new
/// connections (the whole session: Replay; its snapshots alone: BadMac; the whole session half a minute later: StaleTime):
/// n2 refuses and counts each, keeps the genuine session, and nothing changes hands.
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

        // Let the genuine session (through the relay) carry a few snapshots, then take what n1 sent on it. (n1's first
        // tries may have come before n2 listened: the session is the one connection the relay still carries.)
        await Poll.Until(() => relay.Open() is [var only] && relay.Recorded(only).Length > 1000, Election,
            "one relayed connection, on which the relay recorded n1's hello and some snapshots");
        var session = Assert.Single(relay.Open());
        var connections = relay.Connections;
        var recorded = relay.Recorded(session);
        var frames = PeerRelay.Frames(recorded);
        Assert.Equal("FP"u8.ToArray(), recorded[..2]);
        Assert.Equal(1, frames[0][3]); // the session starts with n1's Hello…
        Assert.All(frames.Skip(1), f => Assert.Equal(3, f[3])); // …then n1's snapshots
        Assert.True(frames.Count >= 3, $"{frames.Count} frames recorded");
        var whole = frames.SelectMany(f => f).ToArray();
        var transitions = (Transitions(n1), Transitions(n2));
        var n2Mark = n2.Process.LineCount;

        // The whole session at once on a new connection: its Hello's nonce was seen, so no Welcome, the connection closed.
        await Refused(relay, n2, whole, "Replay");
        // Its snapshots alone: sealed with the genuine session's key, which this connection never agreed on.
        await Refused(relay, n2, frames.Skip(1).SelectMany(f => f).ToArray(), "BadMac");
        // The whole session again once its Hello is older than the ±30 s time window.
        var helloAt = DateTimeOffset.FromUnixTimeMilliseconds((long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(frames[0].AsSpan(16, 8)));
        var stale = helloAt + TimeSpan.FromSeconds(32) - DateTimeOffset.UtcNow;
        output.WriteLine($"hello sent at {helloAt:HH:mm:ss.fff}; waiting {stale.TotalSeconds:0.0} s for it to go stale");
        if (stale > TimeSpan.Zero)
            await Task.Delay(stale);
        await Refused(relay, n2, whole, "StaleTime");
        var text = n2.Ctl("status");
        output.WriteLine(text.StdOut);
        Assert.Matches(@"(?m)^  channel      last heard .*, rejected: (\w+ 1, ){2}\w+ 1$", text.StdOut);
        Assert.Equal(new Dictionary<string, long> { ["BadMac"] = 1, ["Replay"] = 1, ["StaleTime"] = 1 }, Rejects(n2));

        // The genuine session goes on: the same relayed connection, n2 keeps hearing n1, nobody changes state.
        await Poll.UntilSteady(() => Reachable(n2) && Reachable(n1) && n1.HoldsVip() && !n2.HoldsVip(), TimeSpan.FromSeconds(5), Election,
            "n2 hears n1 and n1 keeps the VIP after the replays");
        Assert.Equal(connections, relay.Connections);
        Assert.Equal([session], relay.Open());
        Assert.True(relay.Recorded(session).Length > recorded.Length, "n1 still sends its snapshots on the recorded connection");
        Assert.Empty(Rejects(n1));
        Assert.Equal(transitions, (Transitions(n1), Transitions(n2)));
        Assert.DoesNotContain(n2.Process.Lines.Skip(n2Mark), l => l.Text.Contains("peer n1: unreachable") || l.Text.Contains("not heard"));
    }

    /// <summary>Sends <paramref name="bytes"/> to n2 on a new connection: nothing comes back, n2 closes it and logs and counts why.</summary>
    private async Task Refused(PeerRelay relay, FailoverdNode n2, byte[] bytes, string reason)
    {
        var mark = n2.Process.LineCount;
        var before = Rejects(n2).GetValueOrDefault(reason);
        var (sent, received, ended) = relay.Replay(bytes);
        output.WriteLine($"replayed {sent} bytes: {received} bytes back, {ended}");
        Assert.Equal(bytes.Length, sent);
        Assert.Equal(0, received);
        Assert.Equal("closed by peer", ended);
        var refused = await n2.Process.WaitForLine(l => l.Contains("peer n1: inbound from 192.0.2.3:") && l.Contains("rejected ("),
            $"n2 logging the refused replay ({reason})", TimeSpan.FromSeconds(10), mark);
        Assert.EndsWith($"rejected ({reason})", refused.Text);
        await Poll.Until(() => Rejects(n2).GetValueOrDefault(reason) == before + 1, TimeSpan.FromSeconds(5), $"n2 counts the {reason}");
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
