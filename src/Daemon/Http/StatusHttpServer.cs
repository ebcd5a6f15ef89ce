using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Http;

/// <summary>
/// A small HTTP/1.1 server for <see cref="StatusRoutes"/>: one request per connection, answered whole and closed.
/// No ASP.NET Core (its footprint is many times the daemon's) and no HttpListener (it matches the Host header
/// against its prefix, which breaks behind a proxy or when reached by name). A few connections at a time, each
/// with a short deadline, so a slow or hostile client cannot tie up the daemon.
/// </summary>
public sealed partial class StatusHttpServer : IAsyncDisposable
{
    private const int MaxConnections = 8;
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly Func<HttpRequestHead, HttpReply> _respond;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots = new(MaxConnections);
    private readonly Task _acceptLoop;
    private readonly TimeSpan _deadline;

    private StatusHttpServer(Socket listener, Func<HttpRequestHead, HttpReply> respond, ILogger logger, TimeSpan deadline)
    {
        _listener = listener;
        _respond = respond;
        _logger = logger;
        _deadline = deadline;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where it listens (the kernel's port when the config said 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <param name="deadline">How long one connection may take, from accept to the last byte sent (default 5 s).</param>
    /// <exception cref="IOException">The address cannot be bound (in use, not this host's).</exception>
    public static StatusHttpServer Start(IPEndPoint listen, Func<HttpRequestHead, HttpReply> respond, ILogger logger, TimeSpan? deadline = null)
    {
        var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // SO_REUSEADDR alone: a restart binds despite the last run's TIME_WAIT connections (this server closes
            // first), yet a second daemon on the port still fails. .NET's ReuseAddress would add SO_REUSEPORT on Linux.
            listener.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            listener.Bind(listen);
            listener.Listen(16);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"http: cannot listen on {listen}: {e.Message}", e);
        }
        var server = new StatusHttpServer(listener, respond, logger, deadline ?? DefaultDeadline);
        server.Listening(server.LocalEndPoint.ToString());
        return server;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                _slots.Release();
                AcceptFailed(e.Message);
                continue;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        try
        {
            using (client)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                deadline.CancelAfter(_deadline);
                var (request, reply) = await ReadAsync(client, deadline.Token).ConfigureAwait(false);
                if (reply is null)
                    return;
                await client.SendAsync(reply.Encode(head: request?.Method == "HEAD"), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Send);
                await DrainAsync(client, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or stalled: nothing to answer.
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Reads what the client still sends (a body, the rest of an oversized head) until it closes: closing a socket
    /// with unread input sends a reset, which can destroy the reply before the client has read it.
    /// </summary>
    private static async Task DrainAsync(Socket client, CancellationToken cancel)
    {
        var sink = new byte[4096];
        for (var total = 0; total < 64 * 1024;)
        {
            var read = await client.ReceiveAsync(sink, SocketFlags.None, cancel).ConfigureAwait(false);
            if (read == 0)
                return;
            total += read;
        }
    }

    /// <returns>The request and the reply to it; a null reply when the client closed before a whole head.</returns>
    private async Task<(HttpRequestHead? Request, HttpReply? Reply)> ReadAsync(Socket client, CancellationToken cancel)
    {
        var buffer = new byte[HttpRequestHead.MaxBytes];
        var filled = 0;
        while (true)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancel).ConfigureAwait(false);
            if (read == 0)
                return (null, null);
            filled += read;
            var end = HttpRequestHead.End(buffer.AsSpan(0, filled));
            if (end >= 0)
            {
                var request = HttpRequestHead.Parse(buffer.AsSpan(0, end));
                return request is null ? (null, HttpReply.Text(400, "bad request")) : (request, Answer(request));
            }
            if (filled == buffer.Length)
                return (null, HttpReply.Text(431, "request head too large"));
        }
    }

    private HttpReply Answer(HttpRequestHead request)
    {
        try
        {
            return _respond(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RenderFailed(request.Path, e.ToString());
            return HttpReply.Text(500, "internal error: see failoverd's log");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "http: metrics and status page on http://{Endpoint}/")]
    private partial void Listening(string endpoint);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "http: accept failed: {Error}")]
    private partial void AcceptFailed(string error);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Error, Message = "http: rendering {Path} failed: {Error}")]
    private partial void RenderFailed(string path, string error);
}
