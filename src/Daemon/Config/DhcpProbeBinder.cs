using Failover.Monitors.Dhcp;

namespace Failover.Daemon.Config;

/// <summary>
/// Binds <c>dhcp: { server: 10.4.0.1, local: 10.4.0.102, expect_server: 10.4.0.1 }</c>: a relay-mode
/// DISCOVER from <c>local</c> (which becomes giaddr; binding port 67 needs root) that commits no lease, or
/// with <c>mode: inform</c> a DHCPINFORM. ISC dhcpd ignores a server probing itself through its raw
/// sockets, so run this probe on the peer node, or from another local address (REFERENCE §4).
/// </summary>
internal static class DhcpProbeBinder
{
    public const string Kind = "dhcp";
    public static readonly string[] Keys = ["mode", "server", "port", "local", "local_port", "expect_server"];

    public static ProbeSpec? Bind(KeyedMapping map, TimeSpan timeout, ValueReader read)
    {
        var mode = map.Optional("mode") is { } m
            ? read.Text(m, "dhcp mode must be relay or inform", v => v is "relay" or "inform")
            : "relay";
        var server = map.Required("server") is { } s ? read.Ipv4(s, "dhcp server must be an IPv4 address") : null;
        var port = map.Optional("port") is { } p ? read.Port(p, "dhcp port") : 67;
        var local = map.Required("local") is { } l ? read.Ipv4(l, "dhcp local must be this node's IPv4 address (the relay or client address)") : null;
        var localPortNode = map.Optional("local_port");
        var localPort = localPortNode is null ? null : read.Port(localPortNode, "dhcp local_port");
        var expectNode = map.Optional("expect_server");
        var expect = expectNode is null ? null : read.Ipv4(expectNode, "dhcp expect_server must be an IPv4 address");
        if (mode is null || server is null || port is null || local is null
            || (localPortNode is not null && localPort is null) || (expectNode is not null && expect is null))
            return null;
        return new DhcpProbeSpec(new DhcpProbeOptions
        {
            Mode = mode == "inform" ? DhcpProbeMode.Inform : DhcpProbeMode.RelayDiscover,
            Server = server,
            ServerPort = port.Value,
            LocalAddress = local,
            LocalPort = localPort,
            ExpectedServerId = expect,
            Timeout = timeout * 0.9,
        });
    }
}
