namespace Failover.Peer.Session;

public enum PeerSessionState
{
    /// <summary>Initiator before its Hello.</summary>
    Idle,

    /// <summary>Initiator: Hello sent, waiting for the Welcome that echoes its nonce.</summary>
    AwaitWelcome,

    /// <summary>Responder: waiting for a Hello.</summary>
    AwaitHello,

    /// <summary>Both nonces known: snapshots and acks flow under the session key.</summary>
    Established,
}
