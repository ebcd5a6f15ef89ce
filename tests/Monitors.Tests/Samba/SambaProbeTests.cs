using System.Diagnostics;
using System.Net;
using Failover.Monitors.Health;
using Failover.Monitors.Samba;
using Failover.Monitors.Tests.Tcp;
using Xunit;

namespace Failover.Monitors.Tests.Samba;

public sealed class SambaProbeTests
{
    private static Task<ProbeResult> ProbeAsync(IPEndPoint server, TimeSpan? timeout = null) =>
        new SambaProbe("smb1", new SambaProbeOptions { Server = server, Timeout = timeout ?? TimeSpan.FromSeconds(2) })
            .RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task A_negotiate_reply_with_an_offered_dialect_is_healthy()
    {
        using var server = new FakeSmbServer(_ => Smb2Reply.Framed(Smb2Reply.Negotiate(0x0302)));

        var result = await ProbeAsync(server.Endpoint);

        Assert.Equal(ProbeResult.Up($"SMB2 dialect 3.0.2 from {server.Endpoint}", result.Latency), result);
        Assert.Equal(Smb2Negotiate.RequestLength, server.LastRequest!.Length);
        Assert.Equal(0xFE, server.LastRequest[4]);
    }

    [Fact]
    public async Task An_error_status_is_a_failure()
    {
        using var server = new FakeSmbServer(_ => Smb2Reply.Framed(Smb2Reply.Error(0xC000000D)));
        var result = await ProbeAsync(server.Endpoint);
        Assert.Equal(ProbeResult.Down($"SMB2 status 0xC000000D (STATUS_INVALID_PARAMETER) from {server.Endpoint}", result.Latency), result);
    }

    [Fact]
    public async Task A_dialect_we_did_not_offer_is_a_failure()
    {
        using var server = new FakeSmbServer(_ => Smb2Reply.Framed(Smb2Reply.Negotiate(0x0311)));
        var result = await ProbeAsync(server.Endpoint);
        Assert.Equal($"SMB2 dialect 3.1.1 from {server.Endpoint} was not offered", result.Reason);
        Assert.False(result.Healthy);
    }

    [Fact]
    public async Task A_success_without_a_negotiate_body_is_a_failure()
    {
        using var server = new FakeSmbServer(_ => Smb2Reply.Framed(Smb2Reply.Negotiate(0x0302, structureSize: 9)));
        var result = await ProbeAsync(server.Endpoint);
        Assert.Equal($"SMB2 NEGOTIATE reply from {server.Endpoint} has body StructureSize 9, expected 65", result.Reason);
    }

    [Theory]
    [InlineData("485454502F312E31", "frame type 0x48, expected 0x00 (session message)")] // "HTTP/1.1"
    [InlineData("00000008FF534D4272000000", "an SMB1 reply (the server does not speak SMB2)")]
    [InlineData("000000040102030405", "no SMB2 protocol id (FE 'S' 'M' 'B')")]
    [InlineData("00FFFFFF", "a frame of 16777215 bytes")]
    public async Task Garbage_is_not_an_smb2_reply(string hex, string detail)
    {
        using var server = new FakeSmbServer(_ => Convert.FromHexString(hex));
        var result = await ProbeAsync(server.Endpoint);
        Assert.Equal(ProbeResult.Down($"not an SMB2 reply from {server.Endpoint}: {detail}", result.Latency), result);
    }

    [Fact]
    public async Task A_server_that_closes_at_once_is_a_failure()
    {
        using var server = new FakeSmbServer(_ => []);
        var result = await ProbeAsync(server.Endpoint);
        Assert.False(result.Healthy);
        // A close after our request may arrive as FIN or, with unread data, as RST.
        Assert.Contains(result.Reason, new[] { $"connection closed by {server.Endpoint} before a reply", $"connection reset by {server.Endpoint}" });
    }

    [Fact]
    public async Task A_server_that_closes_within_a_reply_is_a_failure()
    {
        using var server = new FakeSmbServer(_ => Smb2Reply.Framed(Smb2Reply.Negotiate(0x0302))[..50]);
        var result = await ProbeAsync(server.Endpoint);
        Assert.Equal($"connection closed by {server.Endpoint} within a reply of 202 bytes", result.Reason);
    }

    [Fact]
    public async Task A_silent_server_times_out()
    {
        using var server = new FakeSmbServer(_ => null);
        var watch = Stopwatch.StartNew();
        var result = await ProbeAsync(server.Endpoint, TimeSpan.FromMilliseconds(300));
        Assert.Equal(ProbeResult.Down($"no answer from {server.Endpoint} within 300 ms", result.Latency), result);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task A_closed_port_is_refused()
    {
        var closed = new IPEndPoint(IPAddress.Loopback, TcpProbeTests.FreeTcpPort());
        var result = await ProbeAsync(closed);
        Assert.Equal($"connection refused by {closed}", result.Reason);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var server = new FakeSmbServer(_ => null);
        var probe = new SambaProbe("smb1", new SambaProbeOptions { Server = server.Endpoint, Timeout = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.RunAsync(cancel.Token).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
