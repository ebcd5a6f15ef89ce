using System.Net;

namespace Failover.Monitors.Dns;

/// <summary>One answer record; <paramref name="Address"/> is set for A and AAAA records only.</summary>
public sealed record DnsRecord(string Name, DnsType Type, ushort Class, uint Ttl, IPAddress? Address);
