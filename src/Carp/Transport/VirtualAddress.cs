using System.Net;

namespace Failover.Carp.Transport;

/// <summary>A virtual IPv4 address with its prefix, as it is put on the interface.</summary>
public readonly record struct VirtualAddress(IPAddress Address, int PrefixLength)
{
    public override string ToString() => $"{Address}/{PrefixLength}";
}
