namespace Failover.Peer.Wire;

/// <summary>The frame types of wire version 1.</summary>
public enum PeerFrameType : byte
{
    /// <summary>Initiator → responder: its node name, the name it wants to reach, a fresh nonce.</summary>
    Hello = 1,

    /// <summary>Responder → initiator: its node name, its fresh nonce and the initiator's nonce echoed.</summary>
    Welcome = 2,

    /// <summary>A <see cref="Snapshot.PeerSnapshot"/> as UTF-8 JSON, under the session key.</summary>
    Snapshot = 3,

    /// <summary>Responder → initiator after each snapshot, under the session key: "still hearing you".</summary>
    Ack = 4,
}
