using System.Buffers.Binary;
using Failover.Carp.Protocol;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Failover.Linux;

namespace Failover.Carp.Transport;

/// <summary>
/// A raw IPv4 protocol-112 socket bound to one interface. We write the IP header ourselves
/// (IP_HDRINCL) so the packet looks as ucarp's does: TOS 0x10, DF, random id, TTL 255, to 224.0.0.18.
/// Unlike ucarp we send through the IP stack, so the Ethernet source is the NIC's MAC, not
/// 00:00:5e:00:00:VHID; receivers (ucarp included) never look at it. Received packets include the IP header.
/// </summary>
public sealed class CarpSocket : IDisposable
{
    private static readonly IPAddress MulticastGroup = CarpWire.MulticastGroup;

    private readonly Socket _socket;
    private readonly IPEndPoint _destination = new(MulticastGroup, 0);
    
    private CarpSocket(Socket socket) => _socket = socket;

    public static CarpSocket Open(NetworkInterfaceInfo nic, IPAddress source)
    {
        var socket = LinuxSockets.OpenRawIPv4(CarpWire.ProtocolNumber);
        try
        {
            var device = Encoding.ASCII.GetBytes(nic.Name + "\0");
            socket.SetRawSocketOption(IpSocketOptions.SOL_SOCKET, IpSocketOptions.SO_BINDTODEVICE, device);
            socket.SetRawSocketOption(IpSocketOptions.IPPROTO_IP, IpSocketOptions.IP_HDRINCL, Int(1));
            socket.SetRawSocketOption(IpSocketOptions.IPPROTO_IP, IpSocketOptions.IP_MULTICAST_LOOP, Int(0));
            socket.SetRawSocketOption(IpSocketOptions.IPPROTO_IP, IpSocketOptions.IP_MULTICAST_IF, MulticastRequest(IPAddress.Any, source, nic.Index));
            // Joining makes IGMP-snooping switches forward the group to us, as ucarp does.
            socket.SetRawSocketOption(IpSocketOptions.IPPROTO_IP, IpSocketOptions.IP_ADD_MEMBERSHIP, MulticastRequest(MulticastGroup, source, nic.Index));
            return new CarpSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one advertisement packet, IP header included (<see cref="Protocol.CarpAdvertisementFrame.WritePacket"/>).</summary>
    public void Send(ReadOnlySpan<byte> packet) => _socket.SendTo(packet, SocketFlags.None, _destination);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    public void Dispose() => _socket.Dispose();

    private static byte[] Int(int value) => BitConverter.GetBytes(value);

    /// <summary>struct ip_mreqn: group, local address, interface index.</summary>
    private static byte[] MulticastRequest(IPAddress group, IPAddress local, int interfaceIndex)
    {
        var request = new byte[12];
        group.TryWriteBytes(request, out _);
        local.TryWriteBytes(request.AsSpan(4), out _);
        BinaryPrimitives.WriteInt32LittleEndian(request.AsSpan(8), interfaceIndex);
        return request;
    }
}
