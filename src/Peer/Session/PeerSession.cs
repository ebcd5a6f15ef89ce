using Failover.Peer.Wire;

namespace Failover.Peer.Session;

/// <summary>
/// One connection's handshake and sequence state, as a pure state machine: frames and the clock in, verdicts and
/// frames to send out. Not thread-safe: the owner serialises calls.
/// </summary>
/// <remarks>
/// Initiator → Hello(nonce I) under the channel key; responder → Welcome(nonce R, echo I) under the channel key;
/// everything after is under HKDF(channel key, salt I‖R). Each side's fresh nonce makes the session key new, so
/// frames recorded from another session fail the MAC, and a replayed Hello only earns a Welcome the replayer
/// cannot continue (and is caught earlier by <see cref="RecentNonces"/>).
/// </remarks>
public sealed class PeerSession
{
    private readonly string localNode;
    private readonly string peerNode;
    private readonly PeerKey channelKey;
    private readonly byte[] nonce;
    private readonly long windowMs;
    private readonly int maxFrameSize;
    private readonly RecentNonces? seenHellos;
    private readonly bool initiator;
    private PeerKey? sessionKey;
    private ulong lastSent;
    private ulong lastReceived;

    private PeerSession(bool initiator, string localNode, string peerNode, PeerKey channelKey, byte[] nonce,
        TimeSpan window, int maxFrameSize, RecentNonces? seenHellos)
    {
        if (nonce.Length != PeerGreeting.NonceSize)
            throw new ArgumentException($"a nonce is {PeerGreeting.NonceSize} bytes", nameof(nonce));
        this.initiator = initiator;
        this.localNode = localNode;
        this.peerNode = peerNode;
        this.channelKey = channelKey;
        this.nonce = nonce;
        windowMs = (long)window.TotalMilliseconds;
        this.maxFrameSize = maxFrameSize;
        this.seenHellos = seenHellos;
        State = initiator ? PeerSessionState.Idle : PeerSessionState.AwaitHello;
    }

    public PeerSessionState State { get; private set; }

    public static PeerSession Initiate(string localNode, string peerNode, PeerKey key, byte[] nonce, TimeSpan window,
        int maxFrameSize = PeerFrameCodec.DefaultMaxFrameSize) =>
        new(true, localNode, peerNode, key, nonce, window, maxFrameSize, null);

    public static PeerSession Respond(string localNode, string peerNode, PeerKey key, byte[] nonce, TimeSpan window,
        RecentNonces seenHellos, int maxFrameSize = PeerFrameCodec.DefaultMaxFrameSize) =>
        new(false, localNode, peerNode, key, nonce, window, maxFrameSize, seenHellos);

    private PeerDirection Outbound => initiator ? PeerDirection.FromInitiator : PeerDirection.FromResponder;
    private PeerDirection Inbound => initiator ? PeerDirection.FromResponder : PeerDirection.FromInitiator;

    /// <summary>The initiator's first frame.</summary>
    public byte[] Hello(long nowMs)
    {
        if (State != PeerSessionState.Idle)
            throw new InvalidOperationException($"Hello in state {State}");
        State = PeerSessionState.AwaitWelcome;
        var body = new PeerGreeting(nonce, [], localNode, peerNode).Encode();
        return PeerFrameCodec.Encode(new PeerFrame(PeerFrameType.Hello, 0, nowMs, body), channelKey, Outbound);
    }

    /// <summary>A Snapshot or Ack under the session key, with the next sequence number.</summary>
    public byte[] Seal(PeerFrameType type, ReadOnlySpan<byte> body, long nowMs)
    {
        if (State != PeerSessionState.Established || sessionKey is null)
            throw new InvalidOperationException($"Seal in state {State}");
        if (type is not (PeerFrameType.Snapshot or PeerFrameType.Ack))
            throw new ArgumentOutOfRangeException(nameof(type), type, "only snapshots and acks are sealed");
        return PeerFrameCodec.Encode(new PeerFrame(type, ++lastSent, nowMs, body.ToArray()), sessionKey, Outbound);
    }

    public PeerReceipt Receive(ReadOnlySpan<byte> input, long nowMs) => State switch
    {
        PeerSessionState.AwaitHello => ReceiveHello(input, nowMs),
        PeerSessionState.AwaitWelcome => ReceiveWelcome(input, nowMs),
        PeerSessionState.Established => ReceiveData(input, nowMs),
        _ => new PeerReceipt(PeerRejectReason.BadHandshake),
    };

    private PeerReceipt ReceiveHello(ReadOnlySpan<byte> input, long nowMs)
    {
        var reject = Open(input, channelKey, PeerFrameType.Hello, nowMs, out var frame);
        if (reject != PeerRejectReason.None)
            return new PeerReceipt(reject);
        if (PeerGreeting.TryDecode(frame!.Body, withEcho: false) is not { } hello)
            return new PeerReceipt(PeerRejectReason.Malformed);
        if (hello.From != peerNode || hello.To != localNode)
            return new PeerReceipt(PeerRejectReason.UnknownNode);
        if (!seenHellos!.TryRemember(hello.Nonce, nowMs))
            return new PeerReceipt(PeerRejectReason.Replay);
        sessionKey = channelKey.ForSession(hello.Nonce, nonce);
        State = PeerSessionState.Established;
        var welcome = new PeerGreeting(nonce, hello.Nonce, localNode, peerNode).Encode();
        var reply = PeerFrameCodec.Encode(new PeerFrame(PeerFrameType.Welcome, 0, nowMs, welcome), channelKey, Outbound);
        return new PeerReceipt(PeerRejectReason.None, frame, reply);
    }

    private PeerReceipt ReceiveWelcome(ReadOnlySpan<byte> input, long nowMs)
    {
        var reject = Open(input, channelKey, PeerFrameType.Welcome, nowMs, out var frame);
        if (reject != PeerRejectReason.None)
            return new PeerReceipt(reject);
        if (PeerGreeting.TryDecode(frame!.Body, withEcho: true) is not { } welcome)
            return new PeerReceipt(PeerRejectReason.Malformed);
        if (!welcome.Echo.AsSpan().SequenceEqual(nonce))
            return new PeerReceipt(PeerRejectReason.BadHandshake);
        if (welcome.From != peerNode || welcome.To != localNode)
            return new PeerReceipt(PeerRejectReason.UnknownNode);
        sessionKey = channelKey.ForSession(nonce, welcome.Nonce);
        State = PeerSessionState.Established;
        return new PeerReceipt(PeerRejectReason.None, frame);
    }

    private PeerReceipt ReceiveData(ReadOnlySpan<byte> input, long nowMs)
    {
        var reject = Open(input, sessionKey!, null, nowMs, out var frame);
        if (reject != PeerRejectReason.None)
            return new PeerReceipt(reject);
        if (frame!.Sequence <= lastReceived)
            return new PeerReceipt(PeerRejectReason.Replay);
        lastReceived = frame.Sequence;
        return new PeerReceipt(PeerRejectReason.None, frame);
    }

    // MAC first, then type and time: only authenticated fields are judged.
    private PeerRejectReason Open(ReadOnlySpan<byte> input, PeerKey key, PeerFrameType? handshakeType, long nowMs, out PeerFrame? frame)
    {
        var reject = PeerFrameCodec.Decode(input, key, Inbound, maxFrameSize, out frame);
        if (reject != PeerRejectReason.None)
            return reject;
        var typeOk = handshakeType is { } expected
            ? frame!.Type == expected
            : frame!.Type is PeerFrameType.Snapshot or PeerFrameType.Ack;
        if (!typeOk)
            return PeerRejectReason.BadHandshake;
        // Compared without subtracting: an extreme timestamp must not overflow.
        return frame.Timestamp < nowMs - windowMs || frame.Timestamp > nowMs + windowMs
            ? PeerRejectReason.StaleTime
            : PeerRejectReason.None;
    }
}
