using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Failover.Carp.Protocol;

/// <summary>
/// The gratuitous ARP a new master broadcasts so switches and neighbours learn where the VIP now lives:
/// an ARP request from the NIC's real MAC with sender IP = target IP = VIP, as ucarp sends it.
/// </summary>
public static class GratuitousArp
{
    public const int FrameSize = 42;

    private const ushort EtherTypeArp = 0x0806;
    private const ushort HardwareEthernet = 1;
    private const ushort ProtocolIPv4 = 0x0800;
    private const ushort OperationRequest = 1;

    public static void Write(Span<byte> destination, PhysicalAddress nicMac, IPAddress vip)
    {
        ArgumentNullException.ThrowIfNull(nicMac);
        ArgumentNullException.ThrowIfNull(vip);
        var mac = nicMac.GetAddressBytes();
        if (mac.Length != 6)
        {
            throw new ArgumentException($"An Ethernet MAC has 6 bytes, not {mac.Length}.", nameof(nicMac));
        }

        if (vip.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"ARP announces IPv4 addresses, not {vip}.", nameof(vip));
        }

        if (destination.Length < FrameSize)
        {
            throw new ArgumentException($"The frame needs {FrameSize} bytes.", nameof(destination));
        }

        var frame = destination[..FrameSize];
        frame[..6].Fill(0xFF);
        mac.CopyTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], EtherTypeArp);

        var arp = frame[14..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], ProtocolIPv4);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], OperationRequest);
        mac.CopyTo(arp[8..]);
        vip.TryWriteBytes(arp[14..], out _);
        arp.Slice(18, 6).Clear();
        vip.TryWriteBytes(arp[24..], out _);
    }
}
