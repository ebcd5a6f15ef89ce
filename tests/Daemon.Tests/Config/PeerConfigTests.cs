using System.Net;
using Failover.Daemon.Config;
using Failover.Rules.Language;

namespace Failover.Daemon.Tests.Config;

/// <summary>The top-level peer: mapping (the other failoverd of the pair and the channel to it).</summary>
public sealed class PeerConfigTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const string Rest = """
        node: { name: vm-yavanna }
        groups:
          - { name: web, vhid: 1, interface: eth0, password: x, vips: [10.4.0.10/24] }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void No_peer_section_is_a_single_node()
    {
        Assert.Null(ConfigAssert.Valid(Rest).Peer);
    }

    [Fact]
    public void Defaults_port_7420_any_address_1s_and_three_intervals_of_silence_and_a_derived_key()
    {
        var peer = ConfigAssert.Valid("peer: { node: vm-varda, address: 10.4.0.211 }\n" + Rest).Peer!;

        Assert.Equal(new PeerConfig("vm-varda", IPAddress.Parse("10.4.0.211"), 7420, IPAddress.Any, null, null,
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), peer with { });
    }

    [Fact]
    public void Every_key_is_read_and_the_secret_file_without_its_line_end()
    {
        var path = _dir.WriteFile("peer.key", "0123456789abcdefXYZ\n", Mode0600);

        var peer = ConfigAssert.Valid($"peer: {{ node: vm-varda, address: 10.4.0.211, port: 7500, listen: 10.4.0.212, secret_file: {path}, interval: 500ms, silence: 2s }}\n" + Rest).Peer!;

        Assert.Equal(("vm-varda", "10.4.0.211", 7500, "10.4.0.212", path), (peer.Node, peer.Address.ToString(), peer.Port, peer.Listen.ToString(), peer.SecretFile));
        Assert.Equal("0123456789abcdefXYZ"u8.ToArray(), peer.Secret);
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)), (peer.Interval, peer.Silence));
    }

    [Fact]
    public void Silence_defaults_to_three_intervals()
    {
        var peer = ConfigAssert.Valid("peer: { node: vm-varda, address: 10.4.0.211, interval: 2s }\n" + Rest).Peer!;
        Assert.Equal(TimeSpan.FromSeconds(6), peer.Silence);
    }

    [Fact]
    public void Mistakes_are_reported_where_they_are_with_a_did_you_mean()
    {
        var errors = ConfigAssert.Errors("""
            peer:
              node: vm-yavanna
              adress: 10.4.0.211
              port: 70000
              listen: any
              interval: soon
            """ + "\n" + Rest);

        Assert.Equal(
            [
                "2:3: missing required key 'address' in peer",
                "2:9: peer node 'vm-yavanna' is this node's own name: name the other node of the pair",
                "3:3: unknown key 'adress' in peer (did you mean 'address'?)",
                "4:9: peer port must be a port number from 1 to 65535",
                "5:11: peer listen must be an IPv4 address of this node, or 0.0.0.0 for every address",
                "6:13: peer interval must be a duration: " + DurationLiteral.Syntax,
            ],
            errors);
    }

    [Fact]
    public void Silence_shorter_than_two_intervals_is_refused()
    {
        Assert.Equal(
            ["1:69: peer silence must be at least twice the interval (2s): one late snapshot must not make the peer unreachable"],
            ConfigAssert.Errors("peer: { node: vm-varda, address: 10.4.0.211, interval: 1s, silence: 1500ms }\n" + Rest));
    }

    [Fact]
    public void A_short_or_shared_secret_file_is_refused()
    {
        var shortKey = _dir.WriteFile("short.key", "tooshort\n", Mode0600);
        var shared = _dir.WriteFile("shared.key", "0123456789abcdef0123\n", Mode0600 | UnixFileMode.OtherRead);

        Assert.Equal(
            [$"1:59: peer secret_file {shortKey} holds 8 bytes; it needs at least 16 (e.g. head -c 32 /dev/urandom | base64 > {shortKey})"],
            ConfigAssert.Errors($"peer: {{ node: vm-varda, address: 10.4.0.211, secret_file: {shortKey} }}\n" + Rest));
        Assert.Equal(
            [$"1:59: peer secret_file {shared} is readable by group or others (mode 0604); chmod 600 it"],
            ConfigAssert.Errors($"peer: {{ node: vm-varda, address: 10.4.0.211, secret_file: {shared} }}\n" + Rest));
    }

    [Fact]
    public void Peer_must_be_a_mapping()
    {
        Assert.Equal(["1:7: peer must be a mapping, e.g. peer: { node: varda, address: 10.4.0.211 }"],
            ConfigAssert.Errors("peer: vm-varda\n" + Rest));
    }
}
