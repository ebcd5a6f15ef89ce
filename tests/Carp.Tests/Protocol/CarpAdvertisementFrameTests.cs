using System.Net;
using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

public sealed class CarpAdvertisementFrameTests
{
    private static readonly CarpKey Love42 = new("love"u8, 42, IPAddress.Parse("192.0.2.252"));
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.1");

    [Fact]
    public void The_packet_passes_our_own_receive_check()
    {
        var packet = new byte[CarpAdvertisementFrame.PacketSize];
        CarpAdvertisementFrame.WritePacket(packet, Source, 0xbeef, 42, new CarpTiming(1, 50), 99, Love42);

        var result = CarpReceiveCheck.Check(packet, IPAddress.Parse("192.0.2.2"), _ => Love42);

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(new PeerAdvertisement(Source, new CarpTiming(1, 50)), result.Advertisement.ToPeer());
        Assert.Equal(99ul, result.Advertisement.Header.Counter);
    }

    [Fact]
    public void The_frame_is_the_packet_behind_an_ethernet_header()
    {
        var packet = new byte[CarpAdvertisementFrame.PacketSize];
        var frame = new byte[CarpAdvertisementFrame.FrameSize];
        CarpAdvertisementFrame.WritePacket(packet, Source, 7, 42, new CarpTiming(1, 0), 5, Love42);
        CarpAdvertisementFrame.WriteFrame(frame, Source, 7, 42, new CarpTiming(1, 0), 5, Love42);

        Assert.Equal("01005e000012" + "00005e00002a" + "0800", Convert.ToHexStringLower(frame[..14]));
        Assert.Equal(packet, frame[14..]);
    }

    [Fact]
    public void Rejects_an_ipv6_source()
    {
        Assert.Throws<ArgumentException>(() => CarpAdvertisementFrame.WritePacket(
            new byte[CarpAdvertisementFrame.PacketSize], IPAddress.IPv6Loopback, 1, 42, new CarpTiming(1, 0), 1, Love42));
    }

    [Fact]
    public void Rejects_short_destinations()
    {
        Assert.Throws<ArgumentException>(() => CarpAdvertisementFrame.WritePacket(
            new byte[CarpAdvertisementFrame.PacketSize - 1], Source, 1, 42, new CarpTiming(1, 0), 1, Love42));
        Assert.Throws<ArgumentException>(() => CarpAdvertisementFrame.WriteFrame(
            new byte[CarpAdvertisementFrame.FrameSize - 1], Source, 1, 42, new CarpTiming(1, 0), 1, Love42));
    }
}
