using System.Net;
using Failover.Daemon.Config;

namespace Failover.Daemon.Tests.Config;

public sealed class AddressTextTests
{
    [Theory]
    [InlineData("10.4.0.2/24", "10.4.0.2", 24)]
    [InlineData("10.4.0.2", "10.4.0.2", 32)]
    [InlineData("10.4.0.2/32", "10.4.0.2", 32)]
    [InlineData("192.0.2.1/1", "192.0.2.1", 1)]
    [InlineData("0.0.0.0/8", "0.0.0.0", 8)] // syntax only; unicast is checked by the binder
    public void Vip_parses_address_and_optional_prefix(string text, string address, int prefix)
    {
        Assert.True(VipAddress.TryParse(text, out var vip));
        Assert.Equal(new VipAddress(IPAddress.Parse(address), prefix), vip);
        Assert.Equal($"{address}/{prefix}", vip.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.4.0.2/")]
    [InlineData("10.4.0.2/0")]
    [InlineData("10.4.0.2/33")]
    [InlineData("10.4.0.2/024")]
    [InlineData("10.4.0.2/-1")]
    [InlineData("10.4.0.2/24/1")]
    [InlineData("10.4.0/24")]
    [InlineData("10.4")]
    [InlineData("10")]
    [InlineData("10.4.0.256")]
    [InlineData("10.4.0.02")]
    [InlineData("10.4.0.-2")]
    [InlineData("10.4..2")]
    [InlineData(" 10.4.0.2")]
    [InlineData("0x0a.4.0.2")]
    [InlineData("::1")]
    [InlineData("fe80::1/64")]
    public void Vip_refuses_malformed_text(string text) => Assert.False(VipAddress.TryParse(text, out _));

    [Theory]
    [InlineData("10.4.0.2", true)]
    [InlineData("192.0.2.1", true)]
    [InlineData("223.255.255.254", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("224.0.0.18", false)]
    [InlineData("255.255.255.255", false)]
    public void Unicast_excludes_any_loopback_multicast_and_broadcast(string text, bool unicast) =>
        Assert.Equal(unicast, Ipv4Text.IsUnicast(IPAddress.Parse(text)));

    [Theory]
    [InlineData("advskw", "advskew")]
    [InlineData("intreface", "interface")]
    [InlineData("pasword", "password")]
    [InlineData("passwordfile", "password_file")]
    [InlineData("on-master", "on_master")]
    [InlineData("VIPS", "vips")]
    [InlineData("vip", "vips")]
    [InlineData("colour", null)]
    [InlineData("pass", null)]
    public void Suggests_the_nearest_group_key(string typo, string? expected)
    {
        string[] keys = ["name", "vhid", "interface", "source", "password", "password_file", "advbase", "advskew",
            "deadratio", "preempt", "neutral", "vips", "garp", "on_master", "on_backup"];

        Assert.Equal(expected, KeySuggestion.Closest(typo, keys));
    }
}
