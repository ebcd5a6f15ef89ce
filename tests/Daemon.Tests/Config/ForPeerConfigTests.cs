using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>A monitor's <c>for:</c> key: whose service its result is about (self by default, or the peer's).</summary>
public sealed class ForPeerConfigTests
{
    private const string Peer = "peer: { node: n2, address: 10.4.0.2 }\n";

    private static string Group(string monitors, string rules = "") => """
        node: { name: n1 }
        groups:
          - name: web
            vhid: 1
            interface: eth0
            password: x
            vips: [10.4.0.10/24]
            monitors:
        """ + "\n" + monitors + rules;

    [Fact]
    public void For_is_self_unless_it_says_peer()
    {
        var config = ConfigAssert.Valid(Peer + Group("""
                  - { name: bind, dns: { server: 127.0.0.1, query: www.example.test } }
                  - { name: named, for: self, dns: { server: 127.0.0.1, query: www.example.test } }
                  - { name: dhcp, for: peer, dhcp: { server: 10.4.0.2, local: 10.4.0.1 } }
            """));

        Assert.Equal([MonitorFor.Self, MonitorFor.Self, MonitorFor.Peer], config.Groups[0].Monitors.Select(m => m.For));
    }

    [Fact]
    public void Rules_may_read_a_for_peer_probe_as_this_nodes_and_as_the_peers()
    {
        var config = ConfigAssert.Valid(Peer + Group("""
                  - { name: dhcp, for: peer, dhcp: { server: 10.4.0.2, local: 10.4.0.1 } }
            """, """

                rules:
                  - { name: own-dhcpd, when: "state == master and probe.dhcp == down", then: [demote] }
                  - { name: peer-dhcpd, when: "peer.probe.dhcp == down", then: [{ notify: "the peer's dhcpd is down" }] }
            """));

        Assert.Equal(2, config.Groups[0].Rules.Count);
    }

    [Fact]
    public void For_peer_without_a_peer_section_says_why_where_it_is_written()
    {
        var errors = ConfigAssert.Errors(Group("""
                  - { name: bind, dns: { server: 127.0.0.1, query: www.example.test } }
                  - { name: dhcp, for: peer, dhcp: { server: 10.4.0.2, local: 10.4.0.1 } }
            """));

        Assert.Equal(["10:28: for: peer needs a peer: section: the probe measures the peer, and its result reaches the peer only over the peer channel"],
            errors);
    }

    [Fact]
    public void For_takes_self_or_peer_only()
    {
        var errors = ConfigAssert.Errors(Peer + Group("""
                  - { name: dhcp, for: other, dhcp: { server: 10.4.0.2, local: 10.4.0.1 } }
                  - { name: dns, for: [peer], dns: { server: 127.0.0.1, query: www.example.test } }
            """));

        Assert.Equal([
            "10:28: for must be self (this node's service) or peer (the peer's service, run from here)",
            "11:27: for must be self (this node's service) or peer (the peer's service, run from here)",
        ], errors);
    }
}
