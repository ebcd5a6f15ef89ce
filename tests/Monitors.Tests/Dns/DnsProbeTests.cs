using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Failover.Monitors.Dns;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Dns;

public sealed class DnsProbeTests
{
    private static readonly IPAddress Expected = IPAddress.Parse("192.0.2.10");

    private static DnsProbeOptions ShortTimeout(DnsProbeOptions o) => o with { Timeout = TimeSpan.FromMilliseconds(400) };

    private static async Task<ProbeResult> ProbeAsync(IPEndPoint server, Func<DnsProbeOptions, DnsProbeOptions>? tweak = null)
    {
        // Generous: the answering tests return as soon as the answer comes, and a loaded CI machine can
        // take a few hundred ms to schedule the fake server. Only the timeout tests shorten it.
        var options = new DnsProbeOptions { Server = server, Query = "www.example.test", Timeout = TimeSpan.FromSeconds(3) };
        var probe = new DnsProbe("dns1", tweak?.Invoke(options) ?? options);
        return await probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_right_answer_is_healthy()
    {
        using var server = new FakeDnsServer(q => [DnsReply.To(q, flags: DnsReply.Aa, answers: [Expected])]);
        var result = await ProbeAsync(server.Endpoint, o => o with { ExpectedAddress = Expected, RequireAuthoritative = true });
        Assert.True(result.Healthy, result.Reason);
        Assert.Equal($"www.example.test A 192.0.2.10 from {server.Endpoint}", result.Reason);
    }

    [Fact]
    public async Task A_wrong_address_is_a_failure()
    {
        using var server = new FakeDnsServer(q => [DnsReply.To(q, answers: [IPAddress.Parse("192.0.2.9")])]);
        var result = await ProbeAsync(server.Endpoint, o => o with { ExpectedAddress = Expected });
        Assert.Equal(ProbeResult.Down($"answer 192.0.2.9 from {server.Endpoint}, expected 192.0.2.10", result.Latency), result);
    }

    [Fact]
    public async Task A_non_authoritative_answer_fails_when_authority_is_required()
    {
        using var server = new FakeDnsServer(q => [DnsReply.To(q, answers: [Expected])]);
        Assert.Equal($"answer not authoritative from {server.Endpoint}",
            (await ProbeAsync(server.Endpoint, o => o with { RequireAuthoritative = true })).Reason);
        Assert.True((await ProbeAsync(server.Endpoint)).Healthy);
    }

    [Theory]
    [InlineData(2, "SERVFAIL from {0}")]
    [InlineData(5, "REFUSED from {0}")]
    [InlineData(1, "FORMERR from {0}")]
    [InlineData(3, "NXDOMAIN for www.example.test from {0}")]
    public async Task An_error_rcode_is_a_failure(int rcode, string reason)
    {
        using var server = new FakeDnsServer(q => [DnsReply.To(q, rcode: rcode)]);
        var result = await ProbeAsync(server.Endpoint);
        Assert.False(result.Healthy);
        Assert.Equal(string.Format(reason, server.Endpoint), result.Reason);
    }

    [Fact]
    public async Task Replies_with_a_wrong_id_are_ignored_until_the_right_one()
    {
        using var server = new FakeDnsServer(q =>
        {
            var id = (ushort)((q[0] << 8 | q[1]) ^ 0x5555);
            return [DnsReply.To(q, rcode: 2, id: id), DnsReply.To(q, answers: [Expected])];
        });
        var result = await ProbeAsync(server.Endpoint, o => o with { ExpectedAddress = Expected });
        Assert.True(result.Healthy, result.Reason);
    }

    [Fact]
    public async Task Only_wrong_ids_end_in_a_timeout_that_counts_them()
    {
        using var server = new FakeDnsServer(q =>
        {
            var id = (ushort)((q[0] << 8 | q[1]) ^ 0x5555);
            return [DnsReply.To(q, id: id), [0x01], DnsReply.To(q, id: (ushort)(id ^ 1))];
        });
        var result = await ProbeAsync(server.Endpoint, ShortTimeout);
        Assert.Equal($"no answer from {server.Endpoint} within 400 ms; ignored 3 stray replies (wrong ID or not a response)", result.Reason);
    }

    [Fact]
    public async Task Garbage_with_our_id_is_a_malformed_reply()
    {
        using var server = new FakeDnsServer(q => [[q[0], q[1], 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 0xC0, 0x0C]]);
        var result = await ProbeAsync(server.Endpoint);
        Assert.False(result.Healthy);
        Assert.StartsWith($"malformed reply from {server.Endpoint}: compression pointer", result.Reason);
    }

    [Fact]
    public async Task Random_garbage_never_crashes_the_probe()
    {
        var random = new Random(7);
        using var server = new FakeDnsServer(q =>
        {
            var reply = DnsReply.To(q, answers: [Expected]);
            lock (random)
            {
                for (var i = 0; i < 3; i++)
                {
                    reply[2 + random.Next(reply.Length - 2)] = (byte)random.Next(256); // keep our ID
                }
                return [reply[..random.Next(2, reply.Length + 1)]];
            }
        });
        for (var i = 0; i < 50; i++)
        {
            var result = await ProbeAsync(server.Endpoint);
            Assert.False(string.IsNullOrEmpty(result.Reason));
        }
    }

    [Fact]
    public async Task A_truncated_reply_is_asked_again_over_tcp()
    {
        using var server = new FakeDnsServer(
            q => [DnsReply.To(q, flags: DnsReply.Tc)],
            q => DnsReply.To(q, flags: DnsReply.Aa, answers: [IPAddress.Parse("192.0.2.1"), Expected]));
        var result = await ProbeAsync(server.Endpoint, o => o with { ExpectedAddress = Expected, RequireAuthoritative = true });
        Assert.True(result.Healthy, result.Reason);
        Assert.Equal($"www.example.test A 192.0.2.1, 192.0.2.10 from {server.Endpoint} over TCP", result.Reason);
        Assert.Equal(1, server.TcpQueries);
    }

    [Fact]
    public async Task A_silent_server_times_out()
    {
        using var server = new FakeDnsServer(_ => []);
        var result = await ProbeAsync(server.Endpoint, ShortTimeout);
        Assert.Equal($"no answer from {server.Endpoint} within 400 ms", result.Reason);
        Assert.True(result.Latency >= TimeSpan.FromMilliseconds(390));
    }

    [Fact]
    public async Task A_closed_port_is_refused_at_once()
    {
        var closed = new IPEndPoint(IPAddress.Loopback, FreeUdpPort());
        var watch = Stopwatch.StartNew();
        var result = await ProbeAsync(closed, o => o with { Timeout = TimeSpan.FromSeconds(5) });
        Assert.Equal($"connection refused by {closed}", result.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var server = new FakeDnsServer(_ => []);
        var probe = new DnsProbe("dns1", new DnsProbeOptions { Server = server.Endpoint, Query = "www.example.test", Timeout = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.RunAsync(cancel.Token).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
