using Failover.Daemon.Config;
using Failover.Monitors.Dhcp;
using Failover.Monitors.Drbd;
using Failover.Monitors.Dns;
using Failover.Monitors.Exec;
using Failover.Monitors.Health;
using Failover.Monitors.Ldap;
using Failover.Monitors.Samba;
using Failover.Monitors.Tcp;

namespace Failover.Daemon.Runtime;

/// <summary>Turns a configured monitor into the probe that runs it.</summary>
public static class ProbeFactory
{
    public static IProbe Create(MonitorConfig monitor, TimeProvider time) => monitor.Probe switch
    {
        DnsProbeSpec dns => new DnsProbe(monitor.Name, dns.Options, time),
        TcpProbeSpec tcp => new TcpProbe(monitor.Name, tcp.Options, time),
        SambaProbeSpec samba => new SambaProbe(monitor.Name, samba.Options, time),
        ExecProbeSpec exec => new ExecProbe(monitor.Name, exec.Options, time),
        DhcpProbeSpec dhcp => new DhcpProbe(monitor.Name, dhcp.Options, time),
        LdapProbeSpec ldap => new LdapProbe(monitor.Name, ldap.Options, time),
        DrbdProbeSpec drbd => new DrbdProbe(monitor.Name, drbd.Options, time),
        var other => throw new NotSupportedException($"probe kind {other.Kind} has no implementation"),
    };
}
