using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Failover.Carp.Transport;

/// <summary>What the transport needs to know of a local interface, looked up once at start.</summary>
public sealed record NetworkInterfaceInfo(string Name, int Index, PhysicalAddress Mac, IReadOnlyList<IPAddress> Ipv4Addresses)
{
    /// <summary>Looks an interface up by name; null when there is no such interface.</summary>
    public static NetworkInterfaceInfo? Find(string name)
    {
        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name);
        if (nic is null)
            return null;
        var properties = nic.GetIPProperties();
        var addresses = properties.UnicastAddresses
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .ToArray();
        return new NetworkInterfaceInfo(name, properties.GetIPv4Properties().Index, nic.GetPhysicalAddress(), addresses);
    }
}
