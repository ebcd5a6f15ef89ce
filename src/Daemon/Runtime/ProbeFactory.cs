using Failover.Daemon.Config;
using Failover.Monitors.Dns;
using Failover.Monitors.Health;

namespace Failover.Daemon.Runtime;

/// <summary>Turns a configured monitor into the probe that runs it.</summary>
public static class ProbeFactory
{
    public static IProbe Create(MonitorConfig monitor, TimeProvider time) => monitor.Probe switch
    {
        DnsProbeSpec dns => new DnsProbe(monitor.Name, dns.Options, time),
        var other => throw new NotSupportedException($"probe kind {other.Kind} has no implementation"),
    };
}
