using System.Net;
using System.Net.Sockets;
using Failover.Carp.Protocol;
using Failover.Carp.Transport;
using Failover.Daemon.Config;

namespace Failover.Daemon.Runtime;

/// <summary>A group's network on Linux: a raw CARP socket, a packet socket for ARP, rtnetlink for VIPs.</summary>
public sealed class LinuxGroupNetwork : IGroupNetwork
{
    private readonly NetworkInterfaceInfo _nic;
    private readonly CarpSocket _carp;
    private readonly ArpSocket _arp;
    private readonly InterfaceAddresses _addresses;

    private LinuxGroupNetwork(NetworkInterfaceInfo nic, CarpSocket carp, ArpSocket arp, InterfaceAddresses addresses)
    {
        _nic = nic;
        _carp = carp;
        _arp = arp;
        _addresses = addresses;
    }

    /// <exception cref="SocketException">No permission for raw sockets, or the interface vanished.</exception>
    public static LinuxGroupNetwork Open(NetworkInterfaceInfo nic, IPAddress source)
    {
        var carp = CarpSocket.Open(nic, source);
        try
        {
            return new LinuxGroupNetwork(nic, carp, new ArpSocket(nic.Index), new InterfaceAddresses());
        }
        catch
        {
            carp.Dispose();
            throw;
        }
    }

    public void SendAdvertisement(ReadOnlySpan<byte> packet) => _carp.Send(packet);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _carp.ReceiveAsync(buffer, cancellationToken);

    public void AddVip(VipAddress vip) => _addresses.Add(_nic.Index, vip.Address, vip.PrefixLength);

    public void RemoveVip(VipAddress vip) => _addresses.Remove(_nic.Index, vip.Address, vip.PrefixLength);

    public void SendGratuitousArp(IPAddress vip)
    {
        Span<byte> frame = stackalloc byte[GratuitousArp.FrameSize];
        GratuitousArp.Write(frame, _nic.Mac, vip);
        _arp.Send(frame);
    }

    public void Dispose()
    {
        _carp.Dispose();
        _arp.Dispose();
        _addresses.Dispose();
    }
}
