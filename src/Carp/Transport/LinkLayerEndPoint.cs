using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Failover.Carp.Transport;

/// <summary>A struct sockaddr_ll, which .NET has no EndPoint for: where a packet socket sends a frame.</summary>
internal sealed class LinkLayerEndPoint(ushort etherType, int interfaceIndex, ReadOnlyMemory<byte> hardwareAddress) : EndPoint
{
    private const int Size = 20;

    public override AddressFamily AddressFamily => AddressFamily.Packet;

    public override SocketAddress Serialize()
    {
        var address = new SocketAddress(AddressFamily.Packet, Size);
        var bytes = address.Buffer.Span;
        BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], etherType);          // sll_protocol
        BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], interfaceIndex);   // sll_ifindex
        bytes[11] = (byte)hardwareAddress.Length;                              // sll_halen
        hardwareAddress.Span.CopyTo(bytes[12..]);                              // sll_addr
        return address;
    }

    public override EndPoint Create(SocketAddress socketAddress) => this;
}
