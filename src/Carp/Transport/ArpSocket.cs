using System.Buffers.Binary;
using System.Net.Sockets;

namespace Failover.Carp.Transport;

/// <summary>A packet socket that sends whole Ethernet frames (gratuitous ARP) out of one interface.</summary>
public sealed class ArpSocket : IDisposable
{
    private const ushort EtherTypeArp = 0x0806;
    private static readonly byte[] Broadcast = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    private readonly Socket _socket;
    private readonly LinkLayerEndPoint _destination;

    public ArpSocket(int interfaceIndex)
    {
        // The protocol argument of a packet socket is the EtherType in network byte order.
        var protocol = (ProtocolType)BinaryPrimitives.ReverseEndianness(EtherTypeArp);
        _socket = new Socket(AddressFamily.Packet, SocketType.Raw, protocol);
        _destination = new LinkLayerEndPoint(EtherTypeArp, interfaceIndex, Broadcast);
    }

    public void Send(ReadOnlySpan<byte> frame) => _socket.SendTo(frame, SocketFlags.None, _destination);

    public void Dispose() => _socket.Dispose();
}
