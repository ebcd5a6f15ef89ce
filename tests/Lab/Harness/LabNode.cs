using System.Net;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A lab machine: its own network namespace whose only cable, <c>eth0</c>, is a veth pair whose other end
/// (<see cref="BridgePort"/>) sits on the lab's bridge.
/// </summary>
public sealed record LabNode(string Name, string Namespace, string Cidr, string BridgePort)
{
    public const string Interface = "eth0";

    public IPAddress Address => IPAddress.Parse(Cidr.Split('/')[0]);
}
