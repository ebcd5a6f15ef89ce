using System.Reflection;
using Failover.Control;
using Failover.Daemon.Config;
using Failover.Daemon.Control;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>Everything one failoverd runs: its groups and the control socket that reports on them.</summary>
public sealed class FailoverDaemon : IAsyncDisposable
{
    public static readonly string Version =
        typeof(FailoverDaemon).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly FailoverConfig _config;
    private readonly List<GroupRuntime> _groups = [];
    private readonly DateTimeOffset _started;
    private ControlServer? _control;

    private FailoverDaemon(FailoverConfig config, DateTimeOffset started)
    {
        _config = config;
        _started = started;
    }

    public IReadOnlyList<GroupRuntime> Groups => _groups;

    /// <summary>Starts every group and the control socket; on any failure, stops what was started.</summary>
    public static async Task<FailoverDaemon> StartAsync(FailoverConfig config, TimeProvider time, ILoggerFactory loggers)
    {
        var daemon = new FailoverDaemon(config, time.GetUtcNow());
        try
        {
            Directory.CreateDirectory(config.StateDir);
            foreach (var group in config.Groups)
                daemon._groups.Add(GroupRuntime.Start(group, time, loggers));
            daemon._control = ControlServer.Start(config.Control.Socket, daemon.Handle, loggers.CreateLogger("failoverd.control"));
            return daemon;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            await daemon.DisposeAsync().ConfigureAwait(false);
            throw new StartupException($"cannot start: {e.Message}", e);
        }
        catch
        {
            await daemon.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ControlResponse Handle(ControlRequest request) => request.Command switch
    {
        "status" => new ControlResponse(true, Status: Status()),
        _ => new ControlResponse(false, $"unknown command '{request.Command}'"),
    };

    public StatusReport Status() =>
        new(_config.Node.Name, Version, _started, _groups.Select(g => Report(g.Status())).ToArray());

    private static GroupReport Report(GroupStatus s) => new(
        s.Name, s.Vhid, s.Interface, s.Source, s.Vips, GroupRuntime.StateName(s.State), s.LinkUp ? "up" : "down", s.Master,
        s.LastTransition is { } t ? new TransitionReport(GroupRuntime.StateName(t.From), GroupRuntime.StateName(t.To), t.Reason, t.At) : null,
        new AdvertReport(s.AdvertsSent, s.AdvertsReceived, s.SendErrors, s.Rejected));

    public async ValueTask DisposeAsync()
    {
        // Groups stop first and together: a stopping node must not take over on its peer's bow-out,
        // and each master bows out at once rather than after another group's hooks.
        await Task.WhenAll(_groups.Select(g => g.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (_control is not null)
            await _control.DisposeAsync().ConfigureAwait(false);
    }
}
