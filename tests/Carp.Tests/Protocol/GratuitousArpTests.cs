using System.Net;
using System.Net.NetworkInformation;
using Failover.Carp.Protocol;

namespace Failover.Carp.Tests.Protocol;

public sealed class GratuitousArpTests
{
    private static readonly PhysicalAddress Nic = PhysicalAddress.Parse("02-00-00-00-00-0A");

    [Fact]
    public void Writes_the_golden_frame()
    {
        var frame = new byte[GratuitousArp.FrameSize];
        GratuitousArp.Write(frame, Nic, IPAddress.Parse("192.0.2.252"));

        Assert.Equal(
            "ffffffffffff" + "02000000000a" + "0806"   // Ethernet: broadcast, from the NIC, ARP
            + "0001" + "0800" + "06" + "04" + "0001"   // Ethernet/IPv4, request
            + "02000000000a" + "c00002fc"              // sender: NIC MAC, VIP
            + "000000000000" + "c00002fc",             // target: zero MAC, VIP
            Convert.ToHexStringLower(frame));
    }

    /// <summary>
    /// ucarp's own GARP (Fixtures/ucarp-garp-vhid42.txt) differs in one field: it repeats the NIC MAC as the
    /// target MAC. Receivers ignore the target MAC of a gratuitous ARP; we write zeros as RFC 5227 suggests.
    /// </summary>
    [Fact]
    public void Matches_ucarps_garp_except_the_target_mac()
    {
        var capture = UcarpCapture.Load("ucarp-garp-vhid42.txt");
        var nic = PhysicalAddress.Parse(capture.NicMac!.Replace(':', '-'));
        var ours = new byte[GratuitousArp.FrameSize];
        GratuitousArp.Write(ours, nic, capture.Vip);

        Assert.NotEmpty(capture.Frames);
        foreach (var theirs in capture.Frames)
        {
            Assert.Equal(GratuitousArp.FrameSize, theirs.Length);
            Assert.Equal(Convert.ToHexStringLower(theirs[..32]), Convert.ToHexStringLower(ours[..32]));
            Assert.Equal(nic.GetAddressBytes(), theirs[32..38]);
            Assert.Equal(new byte[6], ours[32..38]);
            Assert.Equal(Convert.ToHexStringLower(theirs[38..]), Convert.ToHexStringLower(ours[38..]));
        }
    }

    [Fact]
    public void Rejects_an_ipv6_vip()
    {
        Assert.Throws<ArgumentException>(
            () => GratuitousArp.Write(new byte[GratuitousArp.FrameSize], Nic, IPAddress.Parse("2001:db8::2")));
    }

    [Fact]
    public void Rejects_a_mac_that_is_not_ethernet()
    {
        var eui64 = PhysicalAddress.Parse("02-00-00-FF-FE-00-00-0A");
        Assert.Throws<ArgumentException>(
            () => GratuitousArp.Write(new byte[GratuitousArp.FrameSize], eui64, IPAddress.Parse("192.0.2.252")));
    }

    [Fact]
    public void Rejects_a_short_destination()
    {
        Assert.Throws<ArgumentException>(
            () => GratuitousArp.Write(new byte[41], Nic, IPAddress.Parse("192.0.2.252")));
    }
}
