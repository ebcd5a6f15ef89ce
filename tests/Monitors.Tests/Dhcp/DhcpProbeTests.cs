using System.Net;
using System.Net.Sockets;
using Failover.Monitors.Dhcp;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Dhcp;

public sealed class DhcpProbeTests
{
    private static readonly IPAddress ServerId = IPAddress.Parse("192.0.2.1");

    private static uint Xid(byte[] request) => (uint)(request[4] << 24 | request[5] << 16 | request[6] << 8 | request[7]);

    private static DhcpProbeOptions ShortTimeout(DhcpProbeOptions o) => o with { Timeout = TimeSpan.FromMilliseconds(400) };

    private static async Task<ProbeResult> ProbeAsync(FakeDhcpServer server, Func<DhcpProbeOptions, DhcpProbeOptions>? tweak = null)
    {
        // High ports on loopback: the fake answers the source port, as a server answers a relay at giaddr:67.
        var options = new DhcpProbeOptions
        {
            Server = IPAddress.Loopback,
            ServerPort = server.Endpoint.Port,
            LocalAddress = IPAddress.Loopback,
            LocalPort = 0,
            // Generous: answering tests return on the answer, and a loaded CI machine can be slow to
            // schedule the fake server. The tests of silence set ShortTimeout.
            Timeout = TimeSpan.FromSeconds(3),
        };
        var probe = new DhcpProbe("dhcp1", tweak?.Invoke(options) ?? options);
        return await probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_offer_from_the_expected_server_is_healthy()
    {
        using var server = new FakeDhcpServer(r => [DhcpReply.To(r, DhcpReply.Offer)]);
        var result = await ProbeAsync(server, o => o with { ExpectedServerId = ServerId });
        Assert.True(result.Healthy, result.Reason);
        Assert.Matches(@"^DHCPOFFER of 192\.0\.2\.50 from 192\.0\.2\.1 in \d+ ms$", result.Reason);

        var request = Assert.Single(server.Requests);
        Assert.True(DhcpMessage.TryParse(request, out var discover, out var error), error);
        Assert.Equal(((byte)1, (byte)1, (DhcpMessageType?)DhcpMessageType.Discover), (discover.Op, discover.Hops, discover.MessageType));
        Assert.Equal(IPAddress.Loopback, discover.RelayAddress);
        Assert.Equal(IPAddress.Any, discover.ClientAddress);
        Assert.Equal(0x02, discover.ClientHardwareAddress[0]);
    }

    [Fact]
    public async Task Each_run_uses_a_new_xid()
    {
        using var server = new FakeDhcpServer(r => [DhcpReply.To(r, DhcpReply.Offer)]);
        await ProbeAsync(server);
        await ProbeAsync(server);
        Assert.NotEqual(Xid(server.Requests[0]), Xid(server.Requests[1]));
    }

    [Fact]
    public async Task An_offer_from_another_server_is_a_failure()
    {
        using var server = new FakeDhcpServer(r => [DhcpReply.To(r, DhcpReply.Offer, serverId: "192.0.2.9")]);
        var result = await ProbeAsync(server, o => o with { ExpectedServerId = ServerId });
        Assert.Equal(ProbeResult.Down("offer from server id 192.0.2.9, expected 192.0.2.1", result.Latency), result);
        Assert.True((await ProbeAsync(server)).Healthy); // any server will do when none is expected
    }

    [Fact]
    public async Task A_nak_is_a_failure()
    {
        using var server = new FakeDhcpServer(r => [DhcpReply.To(r, DhcpReply.Nak)]);
        var result = await ProbeAsync(server);
        Assert.Equal(ProbeResult.Down("DHCPNAK from 192.0.2.1", result.Latency), result);
    }

    [Fact]
    public async Task An_ack_to_a_discover_is_a_failure()
    {
        using var server = new FakeDhcpServer(r => [DhcpReply.To(r, DhcpReply.Ack)]);
        Assert.Equal("DHCPACK from 192.0.2.1, expected DHCPOFFER", (await ProbeAsync(server)).Reason);
    }

    [Fact]
    public async Task Replies_with_another_xid_are_ignored_until_ours()
    {
        using var server = new FakeDhcpServer(r =>
            [DhcpReply.To(r, DhcpReply.Nak, xid: Xid(r) ^ 1), [0x17], DhcpReply.To(r, DhcpReply.Offer)]);
        var result = await ProbeAsync(server, o => o with { ExpectedServerId = ServerId });
        Assert.True(result.Healthy, result.Reason);
    }

    [Fact]
    public async Task Only_strays_end_in_a_timeout_that_counts_them()
    {
        using var server = new FakeDhcpServer(r =>
        [
            DhcpReply.To(r, DhcpReply.Offer, xid: Xid(r) ^ 1),
            DhcpReply.To(r, DhcpReply.Offer, xid: Xid(r) ^ 2),
            [0x02, 0x01],
            r, // our own request echoed: op 1 is no reply
        ]);
        var result = await ProbeAsync(server, ShortTimeout);
        Assert.False(result.Healthy);
        Assert.Equal("no DHCPOFFER in 400 ms; ignored 2 replies with another xid; ignored 2 datagrams that are not a DHCP reply",
            result.Reason);
    }

    [Fact]
    public async Task Silence_times_out()
    {
        using var server = new FakeDhcpServer(_ => []);
        var result = await ProbeAsync(server, ShortTimeout);
        Assert.Equal("no DHCPOFFER in 400 ms", result.Reason);
        Assert.True(result.Latency >= TimeSpan.FromMilliseconds(390), $"{result.Latency}");
    }

    [Fact]
    public async Task Garbage_with_our_xid_is_a_malformed_reply()
    {
        using var server = new FakeDhcpServer(r => [[2, 1, 6, 0, r[4], r[5], r[6], r[7], 0, 0]]);
        var result = await ProbeAsync(server);
        Assert.False(result.Healthy);
        Assert.Equal("malformed reply from 127.0.0.1: 10 bytes, shorter than a DHCP header with magic cookie (240)", result.Reason);
    }

    [Fact]
    public async Task Random_garbage_never_crashes_the_probe()
    {
        var random = new Random(68);
        using var server = new FakeDhcpServer(r =>
        {
            var reply = DhcpReply.To(r, DhcpReply.Offer);
            lock (random)
            {
                for (var i = 0; i < 4; i++)
                {
                    reply[236 + random.Next(reply.Length - 236)] = (byte)random.Next(256); // keep op and xid
                }
                return [reply[..random.Next(8, reply.Length + 1)]];
            }
        });
        for (var i = 0; i < 30; i++)
        {
            var result = await ProbeAsync(server);
            Assert.False(string.IsNullOrEmpty(result.Reason));
        }
    }

    [Fact]
    public async Task Inform_sends_ciaddr_and_wants_an_ack()
    {
        using var server = new FakeDhcpServer(r => [DhcpReply.To(r, DhcpReply.Ack)]);
        var result = await ProbeAsync(server, o => o with { Mode = DhcpProbeMode.Inform, ExpectedServerId = ServerId });
        Assert.True(result.Healthy, result.Reason);
        Assert.Matches(@"^DHCPACK from 192\.0\.2\.1 in \d+ ms$", result.Reason);

        Assert.True(DhcpMessage.TryParse(Assert.Single(server.Requests), out var inform, out _));
        Assert.Equal(((DhcpMessageType?)DhcpMessageType.Inform, (byte)0), (inform.MessageType, inform.Hops));
        Assert.Equal(IPAddress.Loopback, inform.ClientAddress);
        Assert.Equal(IPAddress.Any, inform.RelayAddress);
    }

    [Fact]
    public async Task Inform_reports_a_wrong_server_and_silence_in_its_own_terms()
    {
        using var wrong = new FakeDhcpServer(r => [DhcpReply.To(r, DhcpReply.Ack, serverId: "192.0.2.9")]);
        Assert.Equal("ack from server id 192.0.2.9, expected 192.0.2.1",
            (await ProbeAsync(wrong, o => o with { Mode = DhcpProbeMode.Inform, ExpectedServerId = ServerId })).Reason);
        using var silent = new FakeDhcpServer(_ => []);
        Assert.Equal("no DHCPACK in 400 ms", (await ProbeAsync(silent, o => ShortTimeout(o) with { Mode = DhcpProbeMode.Inform })).Reason);
    }

    [Fact]
    public async Task Two_runs_on_one_local_port_at_once_each_get_their_own_offer_and_then_free_the_port()
    {
        // Replies come back to the fixed relay port; the fake answers both requests only once it holds both,
        // so both runs wait on the port together. With a socket each, the kernel gave both offers to one.
        var held = new List<byte[]>();
        using var server = new FakeDhcpServer(r =>
        {
            lock (held)
            {
                held.Add(r);
                return held.Count == 2 ? held.Select(h => DhcpReply.To(h, DhcpReply.Offer)).ToArray() : [];
            }
        });
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var results = await Task.WhenAll(
            ProbeAsync(server, o => o with { LocalPort = port, ExpectedServerId = ServerId }),
            ProbeAsync(server, o => o with { LocalPort = port, ExpectedServerId = ServerId }));

        Assert.All(results, r => Assert.True(r.Healthy, r.Reason));
        Assert.Equal(2, server.Requests.Select(Xid).Distinct().Count());
        using var after = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        after.Bind(new IPEndPoint(IPAddress.Loopback, port)); // no SO_REUSEADDR: fails if a probe socket stayed open
    }

    [Fact]
    public async Task An_address_not_on_this_host_cannot_be_bound()
    {
        using var server = new FakeDhcpServer(_ => []);
        var result = await ProbeAsync(server, o => o with { LocalAddress = IPAddress.Parse("192.0.2.77") });
        Assert.StartsWith("cannot bind 192.0.2.77:0: AddressNotAvailable", result.Reason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Defaults_are_the_protocol_ports()
    {
        var relay = new DhcpProbeOptions { Server = ServerId, LocalAddress = IPAddress.Loopback };
        Assert.Equal((67, 67), (relay.ServerPort, relay.EffectiveLocalPort));
        Assert.Equal(68, (relay with { Mode = DhcpProbeMode.Inform }).EffectiveLocalPort);
        Assert.Equal(0x02, relay.ClientHardwareAddress[0] & 0x03); // locally administered, unicast
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var server = new FakeDhcpServer(_ => []);
        var probe = new DhcpProbe("dhcp1", new DhcpProbeOptions
        {
            Server = IPAddress.Loopback, ServerPort = server.Endpoint.Port, LocalAddress = IPAddress.Loopback,
            LocalPort = 0, Timeout = TimeSpan.FromSeconds(30),
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.RunAsync(cancel.Token).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
