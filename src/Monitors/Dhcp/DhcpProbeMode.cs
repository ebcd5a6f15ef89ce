namespace Failover.Monitors.Dhcp;

/// <summary>How a <see cref="DhcpProbe"/> asks (REFERENCE §4: a server reading through packet sockets
/// ignores a plain DISCOVER from its own host, so neither mode is a broadcast).</summary>
public enum DhcpProbeMode
{
    /// <summary>Act as a relay agent: DHCPDISCOVER with giaddr = the local address, from port 67, unicast to
    /// the server; healthy = a DHCPOFFER. Commits no lease.</summary>
    RelayDiscover,

    /// <summary>DHCPINFORM with ciaddr = the local address, from port 68; healthy = a DHCPACK. Assigns
    /// nothing; ISC dhcpd answers only where it is authoritative.</summary>
    Inform,
}
