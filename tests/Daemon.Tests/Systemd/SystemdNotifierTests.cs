using System.Net.Sockets;
using System.Text;
using Failover.Daemon.Systemd;

namespace Failover.Daemon.Tests.Systemd;

public sealed class SystemdNotifierTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("notify").FullName;

    [Fact]
    public void Ready_sends_one_datagram_of_key_value_lines()
    {
        var path = Path.Combine(_directory, "notify.sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(path));

        using var notifier = new SystemdNotifier(path);
        notifier.Ready("2 group(s) running");

        var buffer = new byte[512];
        int length = systemd.Receive(buffer);
        Assert.Equal("READY=1\nSTATUS=2 group(s) running", Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Fact]
    public void Abstract_socket_names_start_with_a_nul_byte()
    {
        var name = "failover-test-" + Guid.NewGuid().ToString("N");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint("\0" + name));

        using var notifier = new SystemdNotifier("@" + name);
        notifier.WatchdogPing();

        var buffer = new byte[64];
        int length = systemd.Receive(buffer);
        Assert.Equal("WATCHDOG=1", Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Fact]
    public void Without_a_notify_socket_nothing_is_sent_and_nothing_fails()
    {
        using var notifier = new SystemdNotifier("");
        notifier.Ready("x");
        notifier.Stopping();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
