using Failover.Monitors.Dhcp;
using Failover.Monitors.Drbd;
using Failover.Monitors.Dns;
using Failover.Monitors.Exec;
using Failover.Monitors.Ldap;
using Failover.Monitors.Samba;
using Failover.Monitors.Tcp;

namespace Failover.Daemon.Config;

/// <summary>What a monitor checks: one record per probe kind, holding that probe's options.</summary>
public abstract record ProbeSpec(string Kind);

public sealed record DnsProbeSpec(DnsProbeOptions Options) : ProbeSpec("dns");

public sealed record TcpProbeSpec(TcpProbeOptions Options) : ProbeSpec("tcp");

public sealed record SambaProbeSpec(SambaProbeOptions Options) : ProbeSpec("samba");

public sealed record ExecProbeSpec(ExecProbeOptions Options) : ProbeSpec("exec");

public sealed record DhcpProbeSpec(DhcpProbeOptions Options) : ProbeSpec("dhcp");

public sealed record LdapProbeSpec(LdapProbeOptions Options) : ProbeSpec("ldap");

public sealed record DrbdProbeSpec(DrbdProbeOptions Options) : ProbeSpec("drbd");
