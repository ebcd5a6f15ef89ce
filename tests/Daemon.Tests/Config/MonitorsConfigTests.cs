using System.Net;
using Failover.Daemon.Config;
using Failover.Monitors.Dhcp;
using Failover.Monitors.Health;

namespace Failover.Daemon.Tests.Config;

/// <summary>A group's monitors: list, one probe kind per monitor.</summary>
public sealed class MonitorsConfigTests
{
    private static string Group(string monitors) => """
        groups:
          - name: web
            vhid: 1
            interface: eth0
            password: x
            vips: [10.4.0.10/24]
            monitors:
        """ + "\n" + monitors;

    [Fact]
    public void Every_probe_kind_binds_with_its_options_and_the_schedule_defaults()
    {
        var config = ConfigAssert.Valid(Group("""
                  - { name: bind, dns: { server: 127.0.0.1, query: www.example.test, expect: 192.0.2.10, authoritative: true } }
                  - { name: slapd-port, tcp: { server: 10.4.0.2, port: 389 }, interval: 5s, timeout: 2s, rise: 1, fall: 2, initial: up }
                  - { name: smbd, samba: { server: 10.4.0.2 } }
                  - { name: check, exec: { argv: [/usr/lib/nagios/plugins/check_dummy, "0", ok] } }
                  - { name: dhcpd, dhcp: { server: 10.4.0.1, local: 10.4.0.102, expect_server: 10.4.0.1 } }
                  - { name: slapd, ldap: { server: "ldap://10.4.0.2", base: "dc=example,dc=org" } }
                  - { name: disks, drbd: { resources: [r0, r1], source: events2 } }
            """));

        var monitors = config.Groups[0].Monitors;
        Assert.Equal(["dns", "tcp", "samba", "exec", "dhcp", "ldap", "drbd"], monitors.Select(m => m.Probe.Kind));
        var bind = monitors[0];
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 2, 3, ServiceHealth.Unknown),
            (bind.Interval, bind.Timeout, bind.Rise, bind.Fall, bind.Initial));
        var dns = Assert.IsType<DnsProbeSpec>(bind.Probe).Options;
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 53), dns.Server);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), dns.ExpectedAddress);
        Assert.True(dns.Timeout < bind.Timeout, "the probe's own deadline falls inside the runner's");
        var tcp = monitors[1];
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 1, 2, ServiceHealth.Up),
            (tcp.Interval, tcp.Timeout, tcp.Rise, tcp.Fall, tcp.Initial));
        Assert.Equal(445, Assert.IsType<SambaProbeSpec>(monitors[2].Probe).Options.Server.Port);
        Assert.Equal(DhcpProbeMode.RelayDiscover, Assert.IsType<DhcpProbeSpec>(monitors[4].Probe).Options.Mode);
    }

    [Fact]
    public void Mistakes_are_reported_where_they_are()
    {
        var errors = ConfigAssert.Errors(Group("""
                  - { name: a, dns: { server: localhost, query: www.example.test } }
                  - { name: b, tcp: { server: 10.4.0.2 } }
                  - { name: c }
                  - { name: d, tcp: { server: 10.4.0.2, port: 1 }, dns: { server: 127.0.0.1, query: x } }
                  - { name: e, exec: { argv: [check_dummy] }, fall: 0 }
                  - { name: f, ldap: { server: "ldap://10.4.0.2", base: "dc=x", bind_dn: "cn=probe" } }
                  - { name: a, tcp: { server: 10.4.0.2, port: 1 }, intervall: 2s }
            """));

        Assert.Equal(
            [
                "8:35: dns server must be an IPv4 address",
                "9:25: missing required key 'port' in tcp",
                "10:9: a monitor needs a probe: one of the keys dns, tcp, samba, exec, dhcp, ldap, drbd",
                "11:20: a monitor has one probe, but this one has both 'dns' and 'tcp'; make two monitors",
                "12:35: exec argv[0] must be the program's absolute path",
                "12:57: fall must be an integer from 1 to 100",
                "13:69: ldap bind_dn needs a password_file (mode 600)",
                "14:56: unknown key 'intervall' in monitor (did you mean 'interval'?)",
            ],
            errors);
    }

    [Fact]
    public void A_drbd_resource_name_needs_the_events2_source()
    {
        var errors = ConfigAssert.Errors(Group("""
                  - { name: disks, drbd: { resources: [r0] } }
            """));
        var error = Assert.Single(errors);
        Assert.StartsWith("8:30: drbd: ", error);
        Assert.Contains("r0", error);
    }

    [Fact]
    public void Monitor_names_are_unique_in_a_group()
    {
        var errors = ConfigAssert.Errors(Group("""
                  - { name: a, tcp: { server: 10.4.0.2, port: 1 } }
                  - { name: a, tcp: { server: 10.4.0.2, port: 2 } }
            """));
        Assert.Equal(["9:9: monitor name 'a' is used twice in this group"], errors);
    }
}
