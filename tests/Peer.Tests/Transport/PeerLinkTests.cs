using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Failover.Peer.Snapshot;
using Failover.Peer.Tests.Support;
using Failover.Peer.Transport;
using Failover.Peer.Wire;
using Xunit.Abstractions;

namespace Failover.Peer.Tests.Transport;

/// <summary>Two real links over loopback TCP, through relays that can be cut.</summary>
public sealed class PeerLinkTests(ITestOutputHelper output)
{
    private static string Json(PeerSnapshot? s) => s is null ? "" : System.Text.Encoding.UTF8.GetString(PeerSnapshotCodec.Encode(s));

    private static bool Hears(PeerLink link, PeerSnapshot expected) =>
        link.Current is { Reachable: true, Snapshot: var s } && Json(s) == Json(expected);

    [Fact]
    public async Task Both_nodes_hear_each_others_snapshot_and_are_told_through_Changed()
    {
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(200), log: output.WriteLine);
        var seenByA = new ConcurrentQueue<PeerView>();
        pair.A.Changed += seenByA.Enqueue;
        var a = Samples.Snapshot("a", "Master");
        var b = Samples.Snapshot("b", "Backup");
        pair.A.Publish(a);
        pair.B.Publish(b);

        await Eventually.Holds(() => Hears(pair.A, b) && Hears(pair.B, a), "each hears the other");
        await Eventually.Holds(() => seenByA.Any(v => v.Reachable && v.Snapshot?.Node == "b"), "A's Changed reports B");
        Assert.Empty(pair.A.Rejects.Snapshot());
        Assert.Empty(pair.B.Rejects.Snapshot());
        // Repeats of an unchanged snapshot are not changes.
        await Task.Delay(700);
        Assert.Single(seenByA, v => v.Reachable);
    }

    [Fact]
    public async Task A_change_is_sent_at_once_not_at_the_next_interval()
    {
        await using var pair = LinkPair.Start(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), output.WriteLine);
        pair.A.Publish(Samples.Snapshot("a", "Master"));
        pair.B.Publish(Samples.Snapshot("b", "Backup"));
        await Eventually.Holds(() => pair.B.Current.Reachable, "B hears A");

        var changed = Samples.Snapshot("a", "Backup", health: "Down");
        pair.A.Publish(changed);
        var took = await Eventually.Holds(() => Hears(pair.B, changed), "B hears A's change", seconds: 3);
        output.WriteLine($"change arrived after {took.TotalMilliseconds:0} ms (interval 5000 ms)");
    }

    [Fact]
    public async Task A_cut_link_marks_the_peer_unreachable_within_the_silence_window_and_recovers()
    {
        var silence = TimeSpan.FromMilliseconds(600);
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(100), silence, output.WriteLine);
        pair.A.Publish(Samples.Snapshot("a"));
        pair.B.Publish(Samples.Snapshot("b"));
        await Eventually.Holds(() => pair.A.Current.Reachable && pair.B.Current.Reachable, "both reachable");

        pair.ToA.Cut();
        pair.ToB.Cut();
        var aLost = Eventually.Holds(() => !pair.A.Current.Reachable, "A marks B unreachable");
        var bLost = Eventually.Holds(() => !pair.B.Current.Reachable, "B marks A unreachable");
        var took = await aLost;
        await bLost;
        output.WriteLine($"unreachable after {took.TotalMilliseconds:0} ms (silence {silence.TotalMilliseconds} ms)");
        // Not before the silence window minus one interval (the last frame may predate the cut), and not much after it.
        Assert.InRange(took, silence - TimeSpan.FromMilliseconds(150), silence + TimeSpan.FromSeconds(2));
        Assert.Equal("b", pair.A.Current.Snapshot?.Node); // the last snapshot stays, marked unreachable

        pair.ToA.Heal();
        pair.ToB.Heal();
        await Eventually.Holds(() => pair.A.Current.Reachable && pair.B.Current.Reachable, "both reachable again");
        Assert.Empty(pair.A.Rejects.Snapshot());
        Assert.Empty(pair.B.Rejects.Snapshot());
    }

    [Fact]
    public async Task A_spoofer_with_the_wrong_key_is_rejected_and_counted()
    {
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(100));
        pair.B.Publish(Samples.Snapshot("b"));
        await using var spoofer = LinkPair.Spoofer("a", Samples.WrongKey, pair.BListen);
        spoofer.Start();
        spoofer.Publish(Samples.Snapshot("a", "Master"));

        await Eventually.Holds(() => pair.B.Rejects[PeerRejectReason.BadMac] >= 2, "B counts bad MACs (retries too)");
        Assert.False(pair.B.Current.Reachable);
        Assert.Null(pair.B.Current.Snapshot);
        Assert.False(spoofer.Current.Reachable);
    }

    [Fact]
    public async Task A_node_with_the_key_but_another_name_is_unknown()
    {
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(100));
        await using var stranger = LinkPair.Spoofer("mallory", Samples.Key, pair.BListen);
        stranger.Start();
        stranger.Publish(Samples.Snapshot("mallory"));

        await Eventually.Holds(() => pair.B.Rejects[PeerRejectReason.UnknownNode] >= 1, "B counts an unknown node");
        Assert.Null(pair.B.Current.Snapshot);
    }

    [Fact]
    public async Task Replayed_bytes_of_a_recorded_session_are_rejected_and_counted()
    {
        // A long silence window: on a loaded machine the genuine session must not go quiet for its own reasons.
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), output.WriteLine);
        pair.A.Publish(Samples.Snapshot("a"));
        pair.B.Publish(Samples.Snapshot("b"));
        await Eventually.Holds(() => pair.B.Current.Reachable, "B hears A");
        await Eventually.Holds(() => pair.ToB.FirstUpstreamBytes.Length > 3 * PeerFrameCodec.Overhead, "a session is recorded");
        var recorded = pair.ToB.FirstUpstreamBytes;

        using var replayer = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await replayer.ConnectAsync(pair.BListen);
        await replayer.SendAsync(recorded);

        await Eventually.Holds(() => pair.B.Rejects[PeerRejectReason.Replay] >= 1, "B counts the replay");
        Assert.Equal(0, pair.B.Rejects[PeerRejectReason.BadMac]); // caught at the Hello, before any data frame
        Assert.True(pair.B.Current.Reachable); // the genuine session is untouched
        // B closed the replayer's connection.
        var buffer = new byte[256];
        replayer.ReceiveTimeout = 5000;
        Assert.Equal(0, replayer.Receive(buffer));
    }

    [Fact]
    public async Task Oversize_and_foreign_frames_are_refused_before_their_body_is_read()
    {
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(100));
        async Task Send(byte[] bytes)
        {
            using var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(pair.BListen);
            await client.SendAsync(bytes);
            client.ReceiveTimeout = 5000;
            Assert.Equal(0, client.Receive(new byte[16])); // closed by B
        }

        // A header announcing 16 MiB: refused without waiting for them.
        await Send(Convert.FromHexString("4650010101000000" + "0000000000000000" + "0000000000000000"));
        await Send("GET / HTTP/1.1\r\nHost: b\r\n\r\n"u8.ToArray());
        await Send(Convert.FromHexString("4650020100000000" + "0000000000000000" + "0000000000000000"));

        Assert.Equal(1, pair.B.Rejects[PeerRejectReason.Oversize]);
        Assert.Equal(1, pair.B.Rejects[PeerRejectReason.Malformed]);
        Assert.Equal(1, pair.B.Rejects[PeerRejectReason.BadVersion]);
    }

    [Fact]
    public async Task A_restarted_peer_is_heard_again_with_its_new_snapshot()
    {
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), output.WriteLine);
        pair.A.Publish(Samples.Snapshot("a", "Master"));
        pair.B.Publish(Samples.Snapshot("b", "Backup"));
        await Eventually.Holds(() => pair.A.Current.Reachable && pair.B.Current.Reachable, "both reachable");

        await pair.RestartA();
        var restarted = Samples.Snapshot("a", "Init", health: "Unknown");
        pair.A.Publish(restarted);
        // Well inside B's silence window: the new session replaces the old one rather than waiting it out.
        await Eventually.Holds(() => Hears(pair.B, restarted), "B hears the restarted A", seconds: 1.5);
        await Eventually.Holds(() => pair.A.Current.Reachable, "the restarted A hears B");
        Assert.Equal(0, pair.B.Rejects[PeerRejectReason.Replay]);
    }

    [Fact]
    public async Task A_peer_whose_clock_is_off_by_more_than_the_window_is_refused_as_stale()
    {
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(100));
        await using var skewed = LinkPair.Spoofer("a", Samples.Key, pair.BListen, new SkewedClock(TimeSpan.FromMinutes(2)));
        skewed.Start();
        skewed.Publish(Samples.Snapshot("a"));

        await Eventually.Holds(() => pair.B.Rejects[PeerRejectReason.StaleTime] >= 1, "B counts a stale Hello");
        Assert.False(pair.B.Current.Reachable);
    }

    [Fact]
    public async Task Inbound_connections_beyond_the_limit_are_closed_unread()
    {
        await using var pair = LinkPair.Start(TimeSpan.FromMilliseconds(100));
        var silent = new List<Socket>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(pair.BListen);
                silent.Add(socket);
            }
            await Task.Delay(200); // let B accept them all
            using var extra = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await extra.ConnectAsync(pair.BListen);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            extra.ReceiveTimeout = 5000;
            Assert.Equal(0, extra.Receive(new byte[16]));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"closed after {watch.Elapsed}, not at once"); // handshake timeout is 3 s
        }
        finally
        {
            silent.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Dispose_is_idempotent_and_needs_no_start()
    {
        var idle = LinkPair.Spoofer("a", Samples.Key, new IPEndPoint(IPAddress.Loopback, 9));
        await idle.DisposeAsync();
        var started = LinkPair.Spoofer("a", Samples.Key, new IPEndPoint(IPAddress.Loopback, 9));
        started.Start();
        started.Publish(Samples.Snapshot("a"));
        await started.DisposeAsync();
        await started.DisposeAsync();
        Assert.False(started.Current.Reachable);
    }
}
