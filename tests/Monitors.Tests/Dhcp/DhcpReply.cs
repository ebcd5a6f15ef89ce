using System.Net;

namespace Failover.Monitors.Tests.Dhcp;

/// <summary>Builds server replies to a request as RFC 2131 §4.3 describes them: op 2, the request's xid,
/// flags, giaddr and chaddr echoed, then message type, server identifier and a lease time.</summary>
internal static class DhcpReply
{
    public const byte Offer = 2, Ack = 5, Nak = 6;

    public static byte[] To(byte[] request, byte type, string serverId = "192.0.2.1", string yiaddr = "192.0.2.50",
        uint? xid = null)
    {
        var reply = new byte[300];
        request.AsSpan(0, 236).CopyTo(reply);
        reply[0] = 2;
        reply[3] = 0;
        if (xid is { } other)
        {
            reply[4] = (byte)(other >> 24); reply[5] = (byte)(other >> 16); reply[6] = (byte)(other >> 8); reply[7] = (byte)other;
        }
        Array.Clear(reply, 12, 4); // ciaddr stays only in an ACK to an INFORM
        if (type == Ack)
        {
            request.AsSpan(12, 4).CopyTo(reply.AsSpan(12));
        }
        if (type == Offer)
        {
            IPAddress.Parse(yiaddr).GetAddressBytes().CopyTo(reply, 16);
        }
        byte[] options = [99, 130, 83, 99, 53, 1, type, 54, 4, .. IPAddress.Parse(serverId).GetAddressBytes(),
            51, 4, 0, 0, 0x0e, 0x10, 255];
        options.CopyTo(reply, 236);
        return reply;
    }
}
