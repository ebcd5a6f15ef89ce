using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Failover.Control;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Control;

/// <summary>
/// Serves the control protocol (<see cref="ControlProtocol"/>) on a Unix socket that only root and
/// the `failover` group can open (mode 0660), checking each caller's kernel credentials as well.
/// Each connection is one request and one response.
/// </summary>
public sealed partial class ControlServer : IAsyncDisposable
{
    private readonly string _path;
    private readonly Func<ControlRequest, ControlCaller, Task<ControlResponse>> _handle;
    private readonly ILogger _logger;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;

    private ControlServer(string path, Socket listener, Func<ControlRequest, ControlCaller, Task<ControlResponse>> handle, ILogger logger)
    {
        _path = path;
        _listener = listener;
        _handle = handle;
        _logger = logger;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public static ControlServer Start(string path, Func<ControlRequest, ControlCaller, Task<ControlResponse>> handle, ILogger logger)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (File.Exists(path))
            File.Delete(path); // a stale socket from a crashed run; a live daemon would hold the pid/lock
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            SocketPermissions.Restrict(path);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new ControlServer(path, listener, handle, logger);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                AcceptFailed(e.Message);
                continue;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await using var stream = new NetworkStream(client, ownsSocket: false);
                var caller = PeerCredentials.Of(client);
                var line = await ReadLineAsync(stream, timeout.Token).ConfigureAwait(false);
                var response = await RespondAsync(line, caller).ConfigureAwait(false);
                var reply = JsonSerializer.Serialize(response, ControlJson.Default.ControlResponse) + "\n";
                // A deadline of its own: a command may take longer than the request's (failoverctl sync runs rsync).
                using var writing = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                writing.CancelAfter(TimeSpan.FromSeconds(10));
                await stream.WriteAsync(Encoding.UTF8.GetBytes(reply), writing.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away or stalled: nothing to answer.
            }
        }
    }

    private async Task<ControlResponse> RespondAsync(string? line, ControlCaller caller)
    {
        if (!ControlAuthorization.IsAllowed(caller, UnixAccounts.GroupId(ControlAuthorization.GroupName)))
        {
            Refused(caller.ToString());
            return new ControlResponse(false, $"permission denied: {caller} is neither root nor in group '{ControlAuthorization.GroupName}'");
        }
        ControlRequest? request;
        try
        {
            request = line is null ? null : JsonSerializer.Deserialize(line, ControlJson.Default.ControlRequest);
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request is null || string.IsNullOrEmpty(request.Command))
            return new ControlResponse(false, "malformed request");
        return await _handle(request, caller).ConfigureAwait(false);
    }

    /// <summary>Reads one request line, refusing anything longer than the protocol allows.</summary>
    private static async Task<string?> ReadLineAsync(Stream stream, CancellationToken cancel)
    {
        var buffer = new byte[ControlProtocol.MaxRequestBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
            if (read == 0)
                break;
            int newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newline >= 0)
                return Encoding.UTF8.GetString(buffer, 0, newline);
        }
        return length == 0 || length == buffer.Length ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "control socket: refused {Caller}: neither root nor in group failover")]
    private partial void Refused(string caller);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "control socket: accept failed: {Error}")]
    private partial void AcceptFailed(string error);
}
