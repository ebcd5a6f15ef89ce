using Failover.Peer.Session;
using Failover.Peer.Tests.Support;
using Failover.Peer.Wire;

namespace Failover.Peer.Tests.Session;

public sealed class PeerSessionTests
{
    private const long Now = Samples.Now;
    private readonly RecentNonces seen = new(Samples.Window);

    private static PeerSession Initiator(byte nonce = 1, PeerKey? key = null, string local = "varda", string peer = "manwe") =>
        PeerSession.Initiate(local, peer, key ?? Samples.Key, Samples.Nonce(nonce), Samples.Window);

    private PeerSession Responder(byte nonce = 2, PeerKey? key = null, RecentNonces? cache = null) =>
        PeerSession.Respond("manwe", "varda", key ?? Samples.Key, Samples.Nonce(nonce), Samples.Window, cache ?? seen);

    /// <summary>A completed handshake; the Hello is returned for replay tests.</summary>
    private (PeerSession Initiator, PeerSession Responder, byte[] Hello) Handshake(byte initiatorNonce = 1, byte responderNonce = 2)
    {
        var i = Initiator(initiatorNonce);
        var r = Responder(responderNonce);
        var hello = i.Hello(Now);
        var welcome = r.Receive(hello, Now);
        Assert.True(welcome.Accepted, welcome.Reject.ToString());
        Assert.True(i.Receive(welcome.Reply!, Now).Accepted);
        return (i, r, hello);
    }

    [Fact]
    public void Handshake_establishes_both_sides_and_data_flows_both_ways()
    {
        var (i, r, _) = Handshake();
        Assert.Equal(PeerSessionState.Established, i.State);
        Assert.Equal(PeerSessionState.Established, r.State);

        var snapshot = r.Receive(i.Seal(PeerFrameType.Snapshot, "{}"u8, Now), Now);
        Assert.True(snapshot.Accepted);
        Assert.Equal(PeerFrameType.Snapshot, snapshot.Frame!.Type);
        Assert.Equal(1UL, snapshot.Frame.Sequence);
        Assert.Equal("{}"u8.ToArray(), snapshot.Frame.Body);

        var ack = i.Receive(r.Seal(PeerFrameType.Ack, [], Now), Now);
        Assert.True(ack.Accepted);
        Assert.Equal(PeerFrameType.Ack, ack.Frame!.Type);
    }

    [Fact]
    public void A_hello_under_the_wrong_key_is_a_bad_mac_and_changes_nothing()
    {
        var r = Responder();
        Assert.Equal(PeerRejectReason.BadMac, r.Receive(Initiator(key: Samples.WrongKey).Hello(Now), Now).Reject);
        Assert.Equal(PeerSessionState.AwaitHello, r.State);
    }

    [Fact]
    public void A_welcome_under_the_wrong_key_is_a_bad_mac()
    {
        var i = Initiator();
        var welcome = Responder(key: Samples.WrongKey).Receive(Initiator(key: Samples.WrongKey).Hello(Now), Now).Reply!;
        i.Hello(Now);
        Assert.Equal(PeerRejectReason.BadMac, i.Receive(welcome, Now).Reject);
    }

    [Theory]
    [InlineData("mallory", "manwe")]
    [InlineData("varda", "ulmo")]
    public void A_hello_from_or_to_another_node_is_unknown(string from, string to)
    {
        var hello = PeerSession.Initiate(from, to, Samples.Key, Samples.Nonce(1), Samples.Window).Hello(Now);
        Assert.Equal(PeerRejectReason.UnknownNode, Responder().Receive(hello, Now).Reject);
    }

    [Fact]
    public void A_replayed_hello_is_refused_while_remembered_and_stale_after()
    {
        var (_, _, hello) = Handshake();
        Assert.Equal(PeerRejectReason.Replay, Responder(nonce: 3).Receive(hello, Now + 1000).Reject);
        // A responder that forgot (restart) still refuses it once it is outside the window.
        var fresh = Responder(nonce: 4, cache: new RecentNonces(Samples.Window));
        Assert.Equal(PeerRejectReason.StaleTime, fresh.Receive(hello, Now + 31_000).Reject);
    }

    [Fact]
    public void Frames_recorded_from_one_session_do_not_verify_in_another()
    {
        var (i1, _, _) = Handshake(1, 2);
        var recorded = i1.Seal(PeerFrameType.Snapshot, "{}"u8, Now);
        var (_, r2, _) = Handshake(5, 6);
        Assert.Equal(PeerRejectReason.BadMac, r2.Receive(recorded, Now).Reject);
    }

    [Fact]
    public void A_welcome_echoing_another_nonce_is_a_bad_handshake()
    {
        var i = Initiator(nonce: 1);
        i.Hello(Now);
        var otherWelcome = Responder(nonce: 2).Receive(Initiator(nonce: 9).Hello(Now), Now).Reply!;
        Assert.Equal(PeerRejectReason.BadHandshake, i.Receive(otherWelcome, Now).Reject);
        Assert.Equal(PeerSessionState.AwaitWelcome, i.State);
    }

    [Fact]
    public void A_duplicated_data_frame_is_a_replay()
    {
        var (i, r, _) = Handshake();
        var frame = i.Seal(PeerFrameType.Snapshot, "{}"u8, Now);
        Assert.True(r.Receive(frame, Now).Accepted);
        Assert.Equal(PeerRejectReason.Replay, r.Receive(frame, Now).Reject);
    }

    [Fact]
    public void Reordered_data_frames_are_refused_and_the_newest_still_counts()
    {
        var (i, r, _) = Handshake();
        var first = i.Seal(PeerFrameType.Snapshot, "1"u8, Now);
        var second = i.Seal(PeerFrameType.Snapshot, "2"u8, Now);
        var third = i.Seal(PeerFrameType.Snapshot, "3"u8, Now);
        Assert.True(r.Receive(second, Now).Accepted);
        Assert.Equal(PeerRejectReason.Replay, r.Receive(first, Now).Reject);
        Assert.True(r.Receive(third, Now).Accepted);
    }

    [Theory]
    [InlineData(-30_001)]
    [InlineData(30_001)]
    public void A_data_frame_outside_the_time_window_is_stale(long skew)
    {
        var (i, r, _) = Handshake();
        Assert.Equal(PeerRejectReason.StaleTime, r.Receive(i.Seal(PeerFrameType.Snapshot, "{}"u8, Now + skew), Now).Reject);
        Assert.True(r.Receive(i.Seal(PeerFrameType.Snapshot, "{}"u8, Now + skew / 2), Now).Accepted);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Extreme_timestamps_are_stale_not_an_overflow(long timestamp)
    {
        var r = Responder();
        var hello = Initiator().Hello(timestamp);
        Assert.Equal(PeerRejectReason.StaleTime, r.Receive(hello, Now).Reject);
    }

    [Fact]
    public void A_frame_reflected_back_to_its_writer_is_a_bad_mac()
    {
        var (i, _, _) = Handshake();
        Assert.Equal(PeerRejectReason.BadMac, i.Receive(i.Seal(PeerFrameType.Snapshot, "{}"u8, Now), Now).Reject);
    }

    [Fact]
    public void A_handshake_frame_in_the_wrong_state_is_a_bad_handshake()
    {
        // A Welcome-type frame, correctly keyed, sent where a Hello is expected.
        var body = new PeerGreeting(Samples.Nonce(1), Samples.Nonce(2), "varda", "manwe").Encode();
        var frame = PeerFrameCodec.Encode(new PeerFrame(PeerFrameType.Welcome, 0, Now, body), Samples.Key, PeerDirection.FromInitiator);
        Assert.Equal(PeerRejectReason.BadHandshake, Responder().Receive(frame, Now).Reject);
        Assert.Equal(PeerRejectReason.BadHandshake, Initiator().Receive(frame, Now).Reject); // Idle: nothing expected yet
    }

    [Fact]
    public void Truncated_and_oversize_frames_are_refused_in_session()
    {
        var (i, r, _) = Handshake();
        var frame = i.Seal(PeerFrameType.Snapshot, new byte[100], Now);
        Assert.Equal(PeerRejectReason.Truncated, r.Receive(frame[..^1], Now).Reject);
        var small = PeerSession.Respond("manwe", "varda", Samples.Key, Samples.Nonce(2), Samples.Window, new RecentNonces(Samples.Window), maxFrameSize: 100);
        Assert.Equal(PeerRejectReason.Oversize, small.Receive(frame, Now).Reject);
    }

    [Fact]
    public void Sealing_before_the_handshake_is_a_programming_error()
    {
        Assert.Throws<InvalidOperationException>(() => Initiator().Seal(PeerFrameType.Snapshot, [], Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => Handshake().Initiator.Seal(PeerFrameType.Hello, [], Now));
    }
}
