namespace Failover.Monitors.Dns;

/// <summary>The question section entry a reply echoes; <paramref name="Name"/> without the trailing dot.</summary>
public sealed record DnsQuestion(string Name, DnsType Type, ushort Class)
{
    /// <summary>Whether this is the question asked (names compare case-insensitively, RFC 4343).</summary>
    public bool Matches(string name, DnsType type) =>
        Type == type && Class == DnsWire.ClassIn
        && string.Equals(Name, DnsWire.Canonical(name), StringComparison.OrdinalIgnoreCase);
}
