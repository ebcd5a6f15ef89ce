using System.Net;
using Failover.Actions.Steps;
using Failover.Ctl.Import;

namespace Failover.Ctl.Tests.Import;

public sealed class DebianInterfacesTests
{
    // The example of /usr/share/doc/ucarp/README.Debian (ucarp 1.5.2-3), with a second, scripted stanza.
    private const string Interfaces = """
        # The loopback network interface
        auto lo
        iface lo inet loopback

        auto eth0
        iface eth0 inet static
        	address 10.0.0.2
        	netmask 255.255.255.0
        	ucarp-vid 3
        	ucarp-vip 10.0.0.1
        	ucarp-password 16charsatmost
        	ucarp-advskew 0
        	ucarp-advbase 1
        	ucarp-master yes
        iface eth0:ucarp inet static
        	address 10.0.0.1
        	netmask 255.255.255.255

        auto eth1.20
        iface eth1.20 inet static
        	address 198.51.100.2/24
        	ucarp-vid 20
        	ucarp-vip 198.51.100.1
        	ucarp-password s3cret
        	ucarp-advskew 100
        	ucarp-deadratio 4
        	ucarp-master no
        	ucarp-upscript /etc/ucarp/up.sh
        	ucarp-downscript /etc/ucarp/down.sh
        	ucarp-xparam web
        """;

    [Fact]
    public void Each_ucarp_stanza_becomes_a_group_that_loads()
    {
        var yaml = GroupYaml.Write(DebianInterfaces.Parse(Interfaces, "interfaces"), "interfaces");
        var config = ImportedYaml.Load(yaml);

        Assert.Equal(2, config.Groups.Count);
        var a = config.Groups[0];
        Assert.Equal(("eth0-3", 3, "eth0"), (a.Name, (int)a.Vhid, a.Interface));
        Assert.Equal(IPAddress.Parse("10.0.0.2"), a.Source);
        Assert.Equal("16charsatmost"u8.ToArray(), a.Password);
        Assert.Equal((1, 0, 3), (a.AdvBase, a.AdvSkew, a.DeadRatio));
        Assert.True(a.Preempt);
        Assert.Equal(["10.0.0.1/32"], a.Vips.Select(v => v.ToString()));
        // The default vip-up/vip-down only ran ifup/ifdown eth0:ucarp: the vip step does that now.
        Assert.Empty(a.OnMaster);
        Assert.Empty(a.OnBackup);

        var b = config.Groups[1];
        Assert.Equal(("eth1-20-20", 20, "eth1.20"), (b.Name, (int)b.Vhid, b.Interface));
        Assert.Equal(IPAddress.Parse("198.51.100.2"), b.Source);
        Assert.Equal((1, 100, 4), (b.AdvBase, b.AdvSkew, b.DeadRatio));
        Assert.False(b.Preempt);
        Assert.Equal(["198.51.100.1/32"], b.Vips.Select(v => v.ToString()));
        var up = Assert.IsType<ExecStep>(Assert.Single(b.OnMaster));
        Assert.Equal(["/etc/ucarp/up.sh"], up.Argv);
        Assert.Equal((true, "web"), (up.UcarpArgs, up.Xparam));
        var down = Assert.IsType<ExecStep>(Assert.Single(b.OnBackup));
        Assert.Equal(["/etc/ucarp/down.sh"], down.Argv);
        Assert.Equal((true, "web"), (down.UcarpArgs, down.Xparam));
    }

    [Fact]
    public void Comments_name_the_file_line_of_each_value()
    {
        var yaml = GroupYaml.Write(DebianInterfaces.Parse(Interfaces, "interfaces"), "interfaces");

        Assert.Contains("# ucarp-vid (interfaces:9)", Assert.Single(yaml.Split('\n'), l => l.Contains("vhid: 3")));
        Assert.Contains("# ucarp-master yes (interfaces:14)", Assert.Single(yaml.Split('\n'), l => l.Contains("preempt: true")));
        Assert.Contains("iface eth0:ucarp (interfaces:15)", Assert.Single(yaml.Split('\n'), l => l.Contains("- 10.0.0.1/32")));
    }

    [Fact]
    public void The_alias_stanza_gives_the_prefix()
    {
        var g = Single("""
            iface eth0 inet static
                address 192.0.2.2
                ucarp-vid 7
                ucarp-vip 192.0.2.1
                ucarp-password love
            iface eth0:ucarp inet static
                address 192.0.2.1
                netmask 255.255.255.0
            """);
        Assert.Equal(["192.0.2.1/24"], g.Vips.Select(v => v.ToString()));
    }

    [Fact]
    public void An_alias_address_other_than_ucarp_vip_is_a_second_vip_after_the_hmac_one_with_a_warning()
    {
        var group = DebianInterfaces.Parse("""
            iface eth0 inet static
                address 192.0.2.2
                ucarp-vid 7
                ucarp-vip 192.0.2.1
                ucarp-password love
                ucarp-nomcast yes
                ucarp-frobnicate 1
            iface eth0:ucarp inet static
                address 192.0.2.9/28
                up /usr/local/bin/announce
            """, "i").Single();
        var g = ImportedYaml.Load(GroupYaml.Write([group], "i")).Groups.Single();

        Assert.Equal(["192.0.2.1/32", "192.0.2.9/28"], g.Vips.Select(v => v.ToString()));
        Assert.Equal(4, group.Warnings.Count);
        Assert.Contains(group.Warnings, w => w.StartsWith("iface eth0:ucarp has address 192.0.2.9, not ucarp-vip 192.0.2.1", StringComparison.Ordinal));
        Assert.Contains(group.Warnings, w => w.StartsWith("ucarp-nomcast yes (i:6) not carried over", StringComparison.Ordinal));
        Assert.Contains(group.Warnings, w => w.StartsWith("ucarp-frobnicate 1 (i:7) not carried over", StringComparison.Ordinal));
        Assert.Contains(group.Warnings, w => w.StartsWith("'up /usr/local/bin/announce' of iface eth0:ucarp (i:10) not carried over", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ucarp-vid 3", "i:1: iface eth0 has no ucarp-vip (-a)")]
    [InlineData("ucarp-vip 10.0.0.1", "i:1: iface eth0 has no ucarp-vid (-v)")]
    [InlineData("ucarp-vid 300\n  ucarp-vip 10.0.0.1", "ucarp-vid in iface eth0 (i:1): '300' is not an integer from 1 to 255")]
    [InlineData("ucarp-vid 3\n  ucarp-vip 10.0.0.1\n  ucarp-advskew x", "ucarp-advskew in iface eth0 (i:1): 'x' is not an integer from 0 to 255")]
    public void Bad_stanzas_name_the_option_and_line(string options, string message)
    {
        var text = $"iface eth0 inet static\n  address 10.0.0.2\n  ucarp-password love\n  {options}\n";
        var e = Assert.Throws<UcarpImportError>(() => DebianInterfaces.Parse(text, "i"));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void A_file_without_ucarp_is_an_error()
    {
        var e = Assert.Throws<UcarpImportError>(() => DebianInterfaces.Parse("auto lo\niface lo inet loopback\n", "i"));
        Assert.StartsWith("i: no iface stanza has ucarp-vid", e.Message);
    }

    private static Failover.Daemon.Config.GroupConfig Single(string interfaces) =>
        ImportedYaml.Load(GroupYaml.Write(DebianInterfaces.Parse(interfaces, "i"), "i")).Groups.Single();
}
