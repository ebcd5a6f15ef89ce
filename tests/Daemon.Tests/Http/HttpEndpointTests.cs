using System.Net;
using System.Net.Sockets;
using System.Text;
using Failover.Daemon.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failover.Daemon.Tests.Http;

/// <summary>The request line parser, the routes, and the server on a real loopback socket.</summary>
public sealed class HttpEndpointTests
{
    [Theory]
    [InlineData("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", "GET", "/metrics")]
    [InlineData("GET /?refresh=1 HTTP/1.0\r\n\r\n", "GET", "/")]
    [InlineData("HEAD / HTTP/1.1\n\n", "HEAD", "/")]
    public void Request_lines_are_read(string head, string method, string path)
    {
        var bytes = Encoding.ASCII.GetBytes(head);
        Assert.Equal(bytes.Length, HttpRequestHead.End(bytes));
        Assert.Equal(new HttpRequestHead(method, path), HttpRequestHead.Parse(bytes));
    }

    [Theory]
    [InlineData("GET /metrics\r\n\r\n")]
    [InlineData("GET http://example.test/ HTTP/1.1\r\n\r\n")]
    [InlineData("get / HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/2\r\n\r\n")]
    [InlineData("GET /a b HTTP/1.1\r\n\r\n")]
    public void Malformed_request_lines_are_refused(string head) =>
        Assert.Null(HttpRequestHead.Parse(Encoding.ASCII.GetBytes(head)));

    [Fact]
    public void An_incomplete_head_needs_more_bytes() =>
        Assert.Equal(-1, HttpRequestHead.End("GET / HTTP/1.1\r\nHost: x\r\n"u8));

    private static StatusRoutes Routes(FakeJournal? journal = null) =>
        new(SampleReports.Pair, new JournalTallies(journal), journal, new Failover.Carp.Tests.Support.ManualTimeProvider(SampleReports.Now));

    [Fact]
    public void Routes_serve_metrics_and_the_page_and_refuse_the_rest()
    {
        var routes = Routes(new FakeJournal());

        var metrics = routes.Respond(new HttpRequestHead("GET", "/metrics"));
        Assert.Equal((200, "text/plain; version=0.0.4; charset=utf-8"), (metrics.Status, metrics.ContentType));
        Assert.Contains("failover_group_state{group=\"samba\",state=\"master\"} 1\n", metrics.Body);
        var page = routes.Respond(new HttpRequestHead("GET", "/"));
        Assert.Equal((200, "text/html; charset=utf-8"), (page.Status, page.ContentType));
        Assert.Contains("<svg", page.Body);
        Assert.Equal(404, routes.Respond(new HttpRequestHead("GET", "/favicon.ico")).Status);
        var post = routes.Respond(new HttpRequestHead("POST", "/metrics"));
        Assert.Equal((405, "GET, HEAD"), (post.Status, post.Allow));
    }

    [Fact]
    public async Task The_server_answers_over_tcp_and_closes()
    {
        await using var server = StatusHttpServer.Start(new IPEndPoint(IPAddress.Loopback, 0), Routes().Respond, NullLogger.Instance);
        using var client = new HttpClient { BaseAddress = new Uri($"http://{server.LocalEndPoint}/") };

        var metrics = await client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType!.ToString());
        ExpositionLines.Parse(await metrics.Content.ReadAsStringAsync());
        var page = await client.GetAsync("");
        Assert.Contains("id=\"no-journal\"", await page.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        var put = await client.PutAsync("", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("nothing")).StatusCode);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", await Raw(server.LocalEndPoint, "HELLO\r\n\r\n"));
        var head = await Raw(server.LocalEndPoint, "HEAD /metrics HTTP/1.1\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head);
        Assert.EndsWith("\r\n\r\n", head);
    }

    [Fact]
    public async Task A_port_in_use_is_an_io_error_naming_the_address()
    {
        await using var first = StatusHttpServer.Start(new IPEndPoint(IPAddress.Loopback, 0), Routes().Respond, NullLogger.Instance);

        var e = Assert.Throws<IOException>(() => StatusHttpServer.Start(first.LocalEndPoint, Routes().Respond, NullLogger.Instance));
        Assert.StartsWith($"http: cannot listen on {first.LocalEndPoint}", e.Message);
    }

    [Fact]
    public async Task A_silent_client_is_dropped_at_the_deadline_and_does_not_hold_up_others()
    {
        await using var server = StatusHttpServer.Start(new IPEndPoint(IPAddress.Loopback, 0), Routes().Respond, NullLogger.Instance,
            TimeSpan.FromMilliseconds(300));
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await silent.ConnectAsync(server.LocalEndPoint);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", await Raw(server.LocalEndPoint, "GET /metrics HTTP/1.1\r\n\r\n"));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await silent.ReceiveAsync(new byte[16], SocketFlags.None, patience.Token)); // closed without an answer
    }

    [Fact]
    public async Task A_head_without_end_is_refused_at_its_limit()
    {
        await using var server = StatusHttpServer.Start(new IPEndPoint(IPAddress.Loopback, 0), Routes().Respond, NullLogger.Instance);

        var answer = await Raw(server.LocalEndPoint, "GET / HTTP/1.1\r\nX-Long: " + new string('a', HttpRequestHead.MaxBytes));
        Assert.StartsWith("HTTP/1.1 431 ", answer);
    }

    private static async Task<string> Raw(IPEndPoint at, string request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(at);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
            answer.Write(buffer, 0, read);
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
