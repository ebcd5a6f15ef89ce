using System.Net.Sockets;
using System.Text;
using Failover.Control;
using Failover.Daemon.Control;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failover.Daemon.Tests.Control;

public sealed class ControlServerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("control").FullName;
    private string SocketPath => Path.Combine(_directory, "run", "failoverd.sock");

    private static readonly StatusReport Report = new("varda", "1.0.0", DateTimeOffset.UnixEpoch,
    [
        new GroupReport("samba", 210, "eth0", "10.4.0.102", ["10.4.0.2/24"], "MASTER", "up", "10.4.0.102",
            new TransitionReport("BACKUP", "MASTER", "no advertisement for 3.195s", DateTimeOffset.UnixEpoch), "none",
            new AdvertReport(10, 2, 0, new Dictionary<string, long> { ["bad_hmac"] = 3 }), []),
    ]);

    private static Task<ControlResponse> Handle(ControlRequest request, ControlCaller caller) => Task.FromResult(request.Command == "status"
        ? new ControlResponse(true, Status: Report)
        : new ControlResponse(false, $"unknown command '{request.Command}'"));

    [Fact]
    public async Task Status_round_trips_through_the_socket()
    {
        await using var server = ControlServer.Start(SocketPath, Handle, NullLogger.Instance);
        var response = await ControlClient.SendAsync(SocketPath, new ControlRequest("status"), TimeSpan.FromSeconds(5));

        Assert.True(response.Ok);
        var group = Assert.Single(response.Status!.Groups);
        Assert.Equal("MASTER", group.State);
        Assert.Equal(3, group.Adverts.Rejected["bad_hmac"]);
        Assert.Equal("no advertisement for 3.195s", group.LastTransition!.Reason);
    }

    [Fact]
    public async Task Socket_is_not_accessible_to_others()
    {
        await using var server = ControlServer.Start(SocketPath, Handle, NullLogger.Instance);
        var mode = File.GetUnixFileMode(SocketPath);
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
    }

    [Fact]
    public async Task Unknown_command_gets_an_error_not_a_hang()
    {
        await using var server = ControlServer.Start(SocketPath, Handle, NullLogger.Instance);
        var response = await ControlClient.SendAsync(SocketPath, new ControlRequest("frobnicate"), TimeSpan.FromSeconds(5));
        Assert.False(response.Ok);
        Assert.Equal("unknown command 'frobnicate'", response.Error);
    }

    [Fact]
    public async Task Garbage_gets_an_error_and_the_server_keeps_serving()
    {
        await using var server = ControlServer.Start(SocketPath, Handle, NullLogger.Instance);
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
            await socket.SendAsync(Encoding.UTF8.GetBytes("{not json\n"));
            var buffer = new byte[1024];
            int length = await socket.ReceiveAsync(buffer);
            Assert.Contains("malformed request", Encoding.UTF8.GetString(buffer, 0, length));
        }
        var response = await ControlClient.SendAsync(SocketPath, new ControlRequest("status"), TimeSpan.FromSeconds(5));
        Assert.True(response.Ok);
    }

    [Fact]
    public async Task A_stale_socket_file_from_a_crash_is_replaced_and_removed_on_stop()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SocketPath)!);
        File.WriteAllText(SocketPath, "stale");
        var server = ControlServer.Start(SocketPath, Handle, NullLogger.Instance);
        Assert.True((await ControlClient.SendAsync(SocketPath, new ControlRequest("status"), TimeSpan.FromSeconds(5))).Ok);
        await server.DisposeAsync();
        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public async Task The_handler_learns_the_callers_kernel_credentials()
    {
        ControlCaller? seen = null;
        await using var server = ControlServer.Start(SocketPath, (request, caller) =>
        {
            seen = caller;
            return Handle(request, caller);
        }, NullLogger.Instance);

        await ControlClient.SendAsync(SocketPath, new ControlRequest("status"), TimeSpan.FromSeconds(5));

        Assert.NotNull(seen);
        Assert.Equal(Environment.ProcessId, seen.Pid);
        Assert.Equal((int)geteuid(), seen.Uid);
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
