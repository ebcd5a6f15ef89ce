using Failover.Rules.Language;
using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

/// <summary>The top-level interfaces: mapping (ifplugd-style link debounce per interface).</summary>
public sealed class InterfacesConfigTests
{
    private const string Groups = """
        groups:
          - { name: web, vhid: 1, interface: eth0, password: x, vips: [10.4.0.10/24] }
          - { name: dns, vhid: 2, interface: eth1, password: x, vips: [10.4.0.11/24] }
        """;

    [Fact]
    public void Delays_are_read_per_interface_and_unlisted_interfaces_react_at_once()
    {
        var config = ConfigAssert.Valid("""
            interfaces:
              eth0: { up_delay: 2s, down_delay: 500ms }
            """ + "\n" + Groups);

        Assert.Equal(new LinkConfig(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500)), config.LinkFor("eth0"));
        Assert.Equal(LinkConfig.Immediate, config.LinkFor("eth1"));
    }

    [Fact]
    public void An_absent_delay_is_zero()
    {
        var config = ConfigAssert.Valid("interfaces:\n  eth1: { up_delay: 1s }\n" + Groups);
        Assert.Equal(new LinkConfig(TimeSpan.FromSeconds(1), TimeSpan.Zero), config.LinkFor("eth1"));
    }

    [Fact]
    public void Mistakes_are_reported_where_they_are()
    {
        var errors = ConfigAssert.Errors("""
            interfaces:
              eht0: { up_delay: 2s }
              eth1: { up_dealy: 2s, down_delay: soon }
            """ + "\n" + Groups);

        Assert.Equal(
            [
                "2:3: interface eht0 is not used by any group (groups use: eth0, eth1)",
                "3:11: unknown key 'up_dealy' in interfaces.eth1 (did you mean 'up_delay'?)",
                "3:37: down_delay must be a duration: " + DurationLiteral.Syntax,
            ],
            errors);
    }
}
