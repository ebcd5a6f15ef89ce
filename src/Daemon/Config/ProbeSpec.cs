using Failover.Monitors.Dns;

namespace Failover.Daemon.Config;

/// <summary>What a monitor checks: one record per probe kind, holding that probe's options.</summary>
public abstract record ProbeSpec(string Kind);

public sealed record DnsProbeSpec(DnsProbeOptions Options) : ProbeSpec("dns");
