namespace Failover.Monitors.Dns;

/// <summary>Resource record types (RFC 1035 §3.2.2, RFC 3596) a probe may ask for.</summary>
public enum DnsType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,
}
