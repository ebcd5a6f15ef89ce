namespace Failover.Peer.Wire;

/// <summary>Why a frame was refused. Each is counted separately by the link.</summary>
public enum PeerRejectReason
{
    None = 0,

    /// <summary>Fewer bytes than the header and MAC, or than the header's length says.</summary>
    Truncated,

    /// <summary>Wrong magic, unknown frame type, trailing bytes or an unreadable body.</summary>
    Malformed,

    /// <summary>A wire version this node does not speak.</summary>
    BadVersion,

    /// <summary>The header announces more than the configured maximum frame size.</summary>
    Oversize,

    /// <summary>The HMAC does not verify: wrong key, altered bytes, or a frame from another session.</summary>
    BadMac,

    /// <summary>A sequence number not above the last one accepted, or a Hello nonce already seen.</summary>
    Replay,

    /// <summary>The frame's timestamp is outside the accepted window around this node's clock.</summary>
    StaleTime,

    /// <summary>The sender is not the configured peer (or the Hello is not addressed to this node).</summary>
    UnknownNode,

    /// <summary>A frame that is not valid in the handshake's current state (or a Welcome echoing another nonce).</summary>
    BadHandshake,
}
