using Failover.Peer.Wire;

namespace Failover.Peer.Session;

/// <summary>What one received frame did to a session.</summary>
/// <param name="Frame">The verified frame; null when rejected.</param>
/// <param name="Reply">Bytes to send back (the responder's Welcome); null otherwise.</param>
public sealed record PeerReceipt(PeerRejectReason Reject, PeerFrame? Frame = null, byte[]? Reply = null)
{
    public bool Accepted => Reject == PeerRejectReason.None;
}
