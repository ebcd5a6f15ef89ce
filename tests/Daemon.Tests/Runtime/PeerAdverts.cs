using System.Net;
using Failover.Carp;
using Failover.Carp.Protocol;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>CARP packets from the peer of the test groups (vhid 42, first VIP 192.0.2.100).</summary>
internal static class PeerAdverts
{
    public static byte[] Packet(IPAddress peer, byte advskew, string password = "secret", byte ttl = 255)
    {
        var packet = new byte[CarpAdvertisementFrame.PacketSize];
        var key = new CarpKey(System.Text.Encoding.UTF8.GetBytes(password), 42, IPAddress.Parse("192.0.2.100"));
        CarpAdvertisementFrame.WritePacket(packet, peer, 1, 42, new CarpTiming(1, advskew), 7, key);
        if (ttl != 255)
        {
            packet[8] = ttl;
            packet[10] = packet[11] = 0;
            var sum = InternetChecksum.Compute(packet.AsSpan(0, 20));
            packet[10] = (byte)(sum >> 8);
            packet[11] = (byte)sum;
        }
        return packet;
    }
}
