using System.Net;
using Failover.Carp.StateMachine;
using static Failover.Carp.Tests.StateMachine.Given;

namespace Failover.Carp.Tests.StateMachine;

public sealed class MasterTieBreakTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.2")]
    [InlineData("192.0.2.2", "192.0.3.1")]
    [InlineData("192.0.2.255", "192.0.3.0")]
    [InlineData("10.255.255.255", "192.0.2.1")]
    [InlineData("127.0.0.1", "128.0.0.0")] // top bit set: compared unsigned
    [InlineData("0.0.0.0", "255.255.255.255")]
    public void Lower_address_in_network_order_wins(string lower, string higher)
    {
        var a = IPAddress.Parse(lower);
        var b = IPAddress.Parse(higher);

        Assert.True(MasterTieBreak.Compare(a, b) < 0);
        Assert.True(MasterTieBreak.Compare(b, a) > 0);
        Assert.True(MasterTieBreak.PeerWins(ours: b, peer: a));
        Assert.False(MasterTieBreak.PeerWins(ours: a, peer: b));
    }

    [Fact]
    public void Equal_addresses_compare_equal_and_the_peer_does_not_win()
    {
        var a = IPAddress.Parse("192.0.2.7");

        Assert.Equal(0, MasterTieBreak.Compare(a, IPAddress.Parse("192.0.2.7")));
        Assert.False(MasterTieBreak.PeerWins(a, IPAddress.Parse("192.0.2.7")));
    }

    [Fact]
    public void Ipv4_mapped_ipv6_is_compared_as_ipv4()
    {
        var mapped = IPAddress.Parse("192.0.2.1").MapToIPv6();

        Assert.True(MasterTieBreak.PeerWins(ours: IPAddress.Parse("192.0.2.2"), peer: mapped));
    }

    [Fact]
    public void Ipv6_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => MasterTieBreak.Compare(IPAddress.Parse("2001:db8::1"), Ours));
    }

    // 192.0.2.2 vs 192.0.3.1: network order says .2.2 < .3.1, so .2.2 wins. ucarp on a little-endian
    // host compares the host integers 0x020200C0 vs 0x010300C0 and would pick 192.0.3.1 instead.
    [Fact]
    public void Network_order_not_ucarp_little_endian_order_master_192_0_2_2_beats_192_0_3_1()
    {
        var ours = IPAddress.Parse("192.0.2.2");
        var peer = IPAddress.Parse("192.0.3.1");
        Assert.True(
            BitConverter.ToUInt32(ours.GetAddressBytes()) > BitConverter.ToUInt32(peer.GetAddressBytes()) || !BitConverter.IsLittleEndian,
            "on a little-endian host ucarp's raw comparison would rank 192.0.3.1 lower");

        Assert.False(MasterTieBreak.PeerWins(ours, peer));

        var machine = Master();
        Assert.Equal(
            [new SendGratuitousArp("reassert: non-preferred master 192.0.3.1")],
            machine.OnAdvertisement(MasterSince + Seconds(1), new PeerAdvertisement(peer, OurTiming)).Outputs);
        Assert.Equal(CarpState.Master, machine.State);
    }

    [Fact]
    public void Network_order_agrees_with_ucarp_when_only_the_last_octet_differs()
    {
        var machine = Master();

        machine.OnAdvertisement(MasterSince + Seconds(1), new PeerAdvertisement(LowerPeer, OurTiming));

        Assert.Equal(CarpState.Backup, machine.State);
    }
}
