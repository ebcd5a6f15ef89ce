namespace Failover.Daemon.Config;

/// <summary>
/// Whom a monitor's result is about. ISC dhcpd ignores a DHCP probe its own host sends, so each node of a pair
/// probes the other's server instead: that result is about the peer, and it counts for the peer.
/// </summary>
public enum MonitorFor
{
    /// <summary>This node's own service: <c>probe.NAME</c> here.</summary>
    Self,

    /// <summary>The peer's service, run from here: <c>peer.probe.NAME</c> here, and <c>probe.NAME</c> on the peer.</summary>
    Peer,
}
