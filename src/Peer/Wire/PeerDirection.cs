namespace Failover.Peer.Wire;

/// <summary>
/// Which end of a connection wrote a frame. It is covered by the MAC, so a frame cannot be reflected back to the
/// node that wrote it.
/// </summary>
public enum PeerDirection : byte
{
    FromInitiator = 0,
    FromResponder = 1,
}
