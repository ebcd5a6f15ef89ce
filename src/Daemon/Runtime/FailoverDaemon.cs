using System.Reflection;
using Failover.Carp.StateMachine;
using Failover.Control;
using Failover.Daemon.Config;
using Failover.Daemon.Control;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>Everything one failoverd runs: its groups and the control socket that reports on them.</summary>
public sealed partial class FailoverDaemon : IAsyncDisposable
{
    public static readonly string Version =
        typeof(FailoverDaemon).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly FailoverConfig _config;
    private readonly List<GroupRuntime> _groups = [];
    private readonly DateTimeOffset _started;
    private readonly ILogger _logger;
    private ControlServer? _control;

    private FailoverDaemon(FailoverConfig config, DateTimeOffset started, ILogger logger)
    {
        _config = config;
        _started = started;
        _logger = logger;
    }

    public IReadOnlyList<GroupRuntime> Groups => _groups;

    /// <summary>Starts every group and the control socket; on any failure, stops what was started.</summary>
    public static async Task<FailoverDaemon> StartAsync(FailoverConfig config, TimeProvider time, ILoggerFactory loggers)
    {
        var daemon = new FailoverDaemon(config, time.GetUtcNow(), loggers.CreateLogger("failoverd.admin"));
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

    public ControlResponse Handle(ControlRequest request, ControlCaller caller)
    {
        if (request.Command == "status")
            return new ControlResponse(true, Status: Status());
        if (request.Command is not ("release" or "takeover" or "clear"))
            return new ControlResponse(false, $"unknown command '{request.Command}'");
        var group = _groups.FirstOrDefault(g => g.Name == request.Group);
        if (group is null)
            return new ControlResponse(false, $"no group '{request.Group}' here (groups: {string.Join(", ", _groups.Select(g => g.Name))})");

        AdminCommand(request.Command, group.Name, caller.ToString());
        switch (request.Command)
        {
            case "release":
                group.Release();
                return new ControlResponse(true, Message: $"{group.Name}: released; this node stays backup until 'failoverctl takeover' or 'failoverctl clear'");
            case "takeover":
                if (!group.TryTakeOver(out var refusal))
                {
                    AdminRefused(request.Command, group.Name, refusal!);
                    return new ControlResponse(false, $"{group.Name}: cannot take over: {refusal}");
                }
                return new ControlResponse(true, Message: $"{group.Name}: taken over; this node stays master until 'failoverctl release' or 'failoverctl clear'");
            default:
                group.Clear();
                return new ControlResponse(true, Message: $"{group.Name}: admin preference cleared; configured priority and preempt apply again");
        }
    }

    public StatusReport Status() =>
        new(_config.Node.Name, Version, _started, _groups.Select(g => Report(g.Status())).ToArray());

    private static string PreferenceName(AdminPreference preference) => preference switch
    {
        AdminPreference.StayBackup => "released",
        AdminPreference.StayMaster => "taken-over",
        _ => "none",
    };

    private static GroupReport Report(GroupStatus s) => new(
        s.Name, s.Vhid, s.Interface, s.Source, s.Vips, GroupRuntime.StateName(s.State), s.LinkUp ? "up" : "down", s.Master,
        s.LastTransition is { } t ? new TransitionReport(GroupRuntime.StateName(t.From), GroupRuntime.StateName(t.To), t.Reason, t.At) : null,
        PreferenceName(s.Preference),
        new AdvertReport(s.AdvertsSent, s.AdvertsReceived, s.SendErrors, s.Rejected));

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "admin: {Command} of group {Group} requested by {Caller}")]
    private partial void AdminCommand(string command, string group, string caller);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "admin: {Command} of group {Group} refused: {Reason}")]
    private partial void AdminRefused(string command, string group, string reason);

    public async ValueTask DisposeAsync()
    {
        // Groups stop first and together: a stopping node must not take over on its peer's bow-out,
        // and each master bows out at once rather than after another group's hooks.
        await Task.WhenAll(_groups.Select(g => g.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (_control is not null)
            await _control.DisposeAsync().ConfigureAwait(false);
    }
}
