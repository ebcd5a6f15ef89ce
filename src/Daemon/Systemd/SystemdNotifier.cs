using System.Net.Sockets;
using System.Text;

namespace Failover.Daemon.Systemd;

/// <summary>
/// The sd_notify protocol, written out because Microsoft.Extensions.Hosting.Systemd is not in our
/// package feed: one datagram of KEY=VALUE lines to the AF_UNIX socket named by $NOTIFY_SOCKET.
/// Without that variable (not started by systemd) every call is a no-op.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endPoint;

    public SystemdNotifier(string? notifySocket = null)
    {
        notifySocket ??= Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(notifySocket))
            return;
        // A leading '@' names an abstract socket, whose real name starts with a NUL byte.
        string path = notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket;
        _endPoint = new UnixDomainSocketEndPoint(path);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>Half the WatchdogSec interval systemd asked for, or null when the watchdog is off.</summary>
    public static TimeSpan? WatchdogPingInterval()
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!long.TryParse(usec, out long microseconds) || microseconds <= 0)
            return null;
        if (int.TryParse(pid, out int watchdogPid) && watchdogPid != Environment.ProcessId)
            return null;
        return TimeSpan.FromMicroseconds(microseconds / 2);
    }

    public void Ready(string status) => Send($"READY=1\nSTATUS={status}");
    public void Status(string status) => Send($"STATUS={status}");
    public void Stopping() => Send("STOPPING=1");
    public void WatchdogPing() => Send("WATCHDOG=1");

    private void Send(string message)
    {
        if (_socket is null)
            return;
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), SocketFlags.None, _endPoint!);
        }
        catch (SocketException)
        {
            // systemd gone or socket full: nothing useful to do, and never worth crashing for.
        }
    }

    public void Dispose() => _socket?.Dispose();
}
