using System.Net;
using Failover.Carp;
using Failover.Actions.Steps;
using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

public sealed class ConfigLoaderValidTests
{
    [Fact]
    public void Full_config_binds_every_key()
    {
        var config = ConfigAssert.Valid("""
            node: { name: varda }
            control: { socket: /run/test/failoverd.sock }
            state_dir: /var/lib/test
            groups:
              - name: samba
                vhid: 210
                interface: eth0
                source: 10.4.0.102
                password: "love"
                advbase: 2
                advskew: 100
                deadratio: 4
                preempt: true
                neutral: true
                vips: [10.4.0.2/24, 10.4.0.3]
                garp: { count: 3, interval: 100ms, repeat_after: 10s }
                on_master:
                  - exec: [/etc/failover/vip-up.sh, --verbose]
                    ucarp_args: true
                    xparam: "samba"
                    timeout: 2m
                  - exec: [/usr/bin/logger, became master]
                on_backup:
                  - exec: [/etc/failover/vip-down.sh]
                    ucarp_args: true
            """);

        Assert.Equal(new NodeConfig("varda"), config.Node);
        Assert.Equal(new ControlConfig("/run/test/failoverd.sock"), config.Control);
        Assert.Equal("/var/lib/test", config.StateDir);
        var g = Assert.Single(config.Groups);
        Assert.Equal("samba", g.Name);
        Assert.Equal(210, g.Vhid);
        Assert.Equal("eth0", g.Interface);
        Assert.Equal(IPAddress.Parse("10.4.0.102"), g.Source);
        Assert.Equal("love"u8.ToArray(), g.Password);
        Assert.Null(g.PasswordFile);
        Assert.Equal((2, 100, 4), (g.AdvBase, g.AdvSkew, g.DeadRatio));
        Assert.Equal(new CarpTiming(2, 100), g.Timing);
        Assert.True(g.Preempt);
        Assert.True(g.Neutral);
        Assert.Equal(["10.4.0.2/24", "10.4.0.3/32"], g.Vips.Select(v => v.ToString()));
        Assert.Equal("10.4.0.2/24", g.HmacVip.ToString());
        Assert.Equal(new GarpConfig(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10)), g.Garp);

        Assert.Equal(2, g.OnMaster.Count);
        var up = Assert.IsType<ExecStep>(g.OnMaster[0]);
        Assert.Equal(["/etc/failover/vip-up.sh", "--verbose"], up.Argv);
        Assert.True(up.UcarpArgs);
        Assert.Equal("samba", up.Xparam);
        Assert.Equal(TimeSpan.FromMinutes(2), up.Timeout);
        var logger = Assert.IsType<ExecStep>(g.OnMaster[1]);
        Assert.Equal(["/usr/bin/logger", "became master"], logger.Argv);
        Assert.False(logger.UcarpArgs);
        var down = Assert.IsType<ExecStep>(Assert.Single(g.OnBackup));
        Assert.Equal(["/etc/failover/vip-down.sh"], down.Argv);
        Assert.True(down.UcarpArgs);
    }

    [Fact]
    public void Minimal_config_gets_the_documented_defaults()
    {
        var config = ConfigAssert.Valid("""
            groups:
              - name: dns
                vhid: 200
                interface: eth0
                password: secret
                vips: [10.4.0.10]
            """);

        Assert.Equal(Environment.MachineName, config.Node.Name);
        Assert.Equal("/run/failover/failoverd.sock", config.Control.Socket);
        Assert.Equal("/var/lib/failover", config.StateDir);
        var g = Assert.Single(config.Groups);
        Assert.Null(g.Source);
        Assert.Equal(1, g.AdvBase);
        Assert.Equal(0, g.AdvSkew);
        Assert.Equal(3, g.DeadRatio);
        Assert.False(g.Preempt);
        Assert.False(g.Neutral);
        Assert.Equal(new GarpConfig(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)), g.Garp);
        Assert.Empty(g.OnMaster);
        Assert.Empty(g.OnBackup);
        Assert.Equal(new VipAddress(IPAddress.Parse("10.4.0.10"), 32), Assert.Single(g.Vips));
    }

    [Fact]
    public void Step_defaults_are_no_ucarp_args_and_a_60s_timeout()
    {
        var config = ConfigAssert.Valid("""
            groups:
              - { name: dns, vhid: 200, interface: eth0, password: secret, vips: [10.4.0.10],
                  on_master: [ { exec: [/bin/true] } ] }
            """);

        var step = Assert.IsType<ExecStep>(Assert.Single(config.Groups[0].OnMaster));
        Assert.Equal(new ExecStep(step.Argv, false, null, TimeSpan.FromSeconds(60)), step);
    }

    [Fact]
    public void Empty_values_mean_not_given()
    {
        var config = ConfigAssert.Valid("""
            node:
            control: ~
            groups:
              - name: dns
                vhid: 200
                interface: eth0
                source:
                password: secret
                vips: [10.4.0.10]
                garp: null
                on_master:
            """);

        Assert.Equal(Environment.MachineName, config.Node.Name);
        Assert.Null(config.Groups[0].Source);
        Assert.Equal(GarpConfig.Default, config.Groups[0].Garp);
        Assert.Empty(config.Groups[0].OnMaster);
    }

    [Fact]
    public void Partial_garp_keeps_the_other_defaults()
    {
        var config = ConfigAssert.Valid("""
            groups:
              - { name: dns, vhid: 200, interface: eth0, password: x, vips: [10.4.0.10], garp: { count: 0 } }
            """);

        Assert.Equal(GarpConfig.Default with { Count = 0 }, config.Groups[0].Garp);
    }

    [Fact]
    public void Several_groups_may_share_a_vhid_on_different_interfaces()
    {
        var config = ConfigAssert.Valid("""
            groups:
              - { name: a, vhid: 1, interface: eth0, password: x, vips: [10.4.0.1] }
              - { name: b, vhid: 1, interface: eth1, password: x, vips: [10.5.0.1] }
              - { name: c, vhid: 2, interface: eth0, password: x, vips: [10.4.0.2] }
            """);

        Assert.Equal(["a", "b", "c"], config.Groups.Select(g => g.Name));
    }

    [Fact]
    public void Anchors_and_aliases_are_followed()
    {
        var config = ConfigAssert.Valid("""
            groups:
              - name: a
                vhid: 1
                interface: eth0
                password: x
                vips: [10.4.0.1]
                on_master: &up
                  - exec: [/etc/failover/vip-up.sh]
              - name: b
                vhid: 2
                interface: eth0
                password: x
                vips: [10.4.0.2]
                on_master: *up
            """);

        var a = Assert.IsType<ExecStep>(Assert.Single(config.Groups[0].OnMaster));
        var b = Assert.IsType<ExecStep>(Assert.Single(config.Groups[1].OnMaster));
        Assert.Equal(["/etc/failover/vip-up.sh"], a.Argv);
        Assert.Equal(a.Argv, b.Argv);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    public void Booleans_are_true_or_false_in_any_case(string text, bool expected)
    {
        var config = ConfigAssert.Valid($$"""
            groups:
              - { name: a, vhid: 1, interface: eth0, password: x, vips: [10.4.0.1], preempt: {{text}} }
            """);

        Assert.Equal(expected, config.Groups[0].Preempt);
    }

    [Theory]
    [InlineData("\"1234567890123456789\"", 19)] // ucarp's limit exactly
    [InlineData("a", 1)]
    [InlineData("\"ééééééééé\"", 18)] // counted in UTF-8 bytes, not characters
    public void Password_up_to_19_bytes_is_accepted(string yaml, int bytes)
    {
        var config = ConfigAssert.Valid($$"""
            groups:
              - { name: a, vhid: 1, interface: eth0, password: {{yaml}}, vips: [10.4.0.1] }
            """);

        Assert.Equal(bytes, config.Groups[0].Password.Length);
    }
}
