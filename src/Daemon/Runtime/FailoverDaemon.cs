using System.Collections.Immutable;
using System.Reflection;
using Failover.Carp.StateMachine;
using Failover.Control;
using Failover.Daemon.Alerts;
using Failover.Daemon.Config;
using Failover.Daemon.Control;
using Failover.Daemon.Journal;
using Failover.Actions.SplitBrain;
using Failover.LinkWatch;
using Failover.Remote;
using Failover.Rules.Facts;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>Everything one failoverd runs: its groups and the control socket that reports on them.</summary>
public sealed partial class FailoverDaemon : IAsyncDisposable
{
    public static readonly string Version =
        typeof(FailoverDaemon).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly FailoverConfig _config;
    private readonly List<GroupRuntime> _groups = [];
    private readonly List<GroupMonitors> _monitors = [];
    private readonly List<GroupRules> _rules = [];
    private readonly List<GroupAlerts> _alerts = [];
    private readonly List<GroupSync?> _syncs = [];
    private readonly List<SplitBrainResolver?> _splitBrain = [];
    private DaemonMail? _mail;
    private readonly DateTimeOffset _started;
    private readonly ILogger _logger;
    private ControlServer? _control;
    private LinkWatcher? _links;
    private PeerChannel? _peer;
    private IEventJournal? _journal;

    private FailoverDaemon(FailoverConfig config, DateTimeOffset started, ILogger logger)
    {
        _config = config;
        _started = started;
        _logger = logger;
    }

    public IReadOnlyList<GroupRuntime> Groups => _groups;

    /// <summary>Starts every group and the control socket; on any failure, stops what was started.</summary>
    /// <param name="peer">Runs commands on the peer (split-brain recovery); null: no recovery runs, status says why.</param>
    /// <param name="journal">The event journal `failoverctl events` reads and the http: endpoint counts and draws from;
    /// null: the command says there is none, the page says "no journal".</param>
    public static async Task<FailoverDaemon> StartAsync(FailoverConfig config, TimeProvider time, ILoggerFactory loggers, IRemoteRunner? peer = null,
        IEventJournal? journal = null)
    {
        var daemon = new FailoverDaemon(config, time.GetUtcNow(), loggers.CreateLogger("failoverd.admin")) { _journal = journal };
        try
        {
            Directory.CreateDirectory(config.StateDir);
            daemon.CountJournal(journal); // before the groups: their first transitions ("startup") count
            var interfaces = config.Groups.Select(g => g.Interface).Distinct()
                .ToDictionary(name => name, name => ToDelays(config.LinkFor(name)));
            daemon._links = LinkWatcher.Start(interfaces, time);
            if (config.Peer is { } peerConfig)
                daemon._peer = PeerChannel.Start(peerConfig, config.Node.Name, config.Groups, time, loggers);
            daemon._mail = DaemonMail.Start(config.Mail, config.StateDir, config.Node.Name, time, loggers);
            var composer = new AlertComposer(config.Node.Name);
            daemon.OpenModes(composer, time);
            var lastPrimary = LastPrimaryBook.Open(config.StateDir);
            if (daemon._peer is { } publishing)
                publishing.LastPrimaryOf = lastPrimary.Of;
            foreach (var group in config.Groups)
            {
                var runtime = GroupRuntime.Open(group, daemon._links, time, loggers);
                daemon.ApplyModes(runtime);
                daemon._groups.Add(runtime);
                var monitors = new GroupMonitors(group, time, loggers);
                daemon._monitors.Add(monitors);
                var peerChannel = daemon._peer;
                var alerts = new GroupAlerts(runtime, monitors, composer, daemon._mail, time,
                    peerChannel is null ? null : peerChannel.LineFor,
                    peerChannel is null ? null : () => MeasuredByPeer(group.Name, monitors, peerChannel)
                        .Select(p => new ProbeLine(p.Key, p.Value.Kind, GroupMonitors.Word(p.Value.Health), p.Value.Reason, p.Value.MeasuredBy)).ToArray(),
                    peerChannel?.Node);
                if (peerChannel is not null)
                    peerChannel.Changed += alerts.PeerChanged;
                daemon._alerts.Add(alerts);
                var resolver = group.SplitBrain is { } splitBrain && peerChannel is not null
                    ? new SplitBrainResolver(group.Name, splitBrain, config.Node.Name, peerChannel.Node, monitors.Drbd,
                        () => peerChannel.DrbdFor(group.Name), lastPrimary, peer, new BoundedLocalCommands(time), daemon._mail.Post, time,
                        loggers.CreateLogger("failoverd.splitbrain"))
                    {
                        LocalMaster = () => runtime.Status().State == Failover.Carp.CarpState.Master,
                        ControlSocket = config.Control.Socket,
                        Suspended = () => runtime.InMaintenance,
                    }
                    : null;
                daemon._splitBrain.Add(resolver);
                if (resolver is not null)
                {
                    monitors.Changed += resolver.Check;
                    peerChannel!.Changed += resolver.Check;
                }
                var rules = new GroupRules(group, runtime, monitors, time, loggers, daemon._peer, alerts.Notify,
                    resolver is null ? null : resolver.Requested);
                daemon._rules.Add(rules);
                alerts.Start();
                // The first verdict before the group starts: a node whose DRBD is not read yet starts ineligible.
                rules.Start();
                runtime.Begin();
                daemon._syncs.Add(StartSync(group, config, runtime, alerts, time, loggers));
            }
            if (daemon._peer is { } channel)
            {
                var mail = daemon._mail;
                var alertsOfGroups = daemon._alerts;
                channel.ReachabilityChanged += reachable => mail.Post(composer.PeerReachability(config.Peer!.Node, reachable,
                    alertsOfGroups.Select(a => a.Snapshot()).ToArray(), time.GetUtcNow()));
            }
            foreach (var monitors in daemon._monitors)
                monitors.Start();
            daemon._control = ControlServer.Start(config.Control.Socket, daemon.HandleAsync, loggers.CreateLogger("failoverd.control"));
            daemon.StartHttp(journal, time, loggers);
            return daemon;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or TimeoutException)
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

    /// <summary>The group's config sync, when it has a sync: (the binder guarantees an ssh: section then).</summary>
    private static GroupSync? StartSync(GroupConfig group, FailoverConfig config, GroupRuntime runtime, GroupAlerts alerts,
        TimeProvider time, ILoggerFactory loggers)
    {
        if (group.Sync is not { } settings || config.Ssh is not { } ssh)
            return null;
        var sync = new GroupSync(runtime, settings, ssh, time, loggers,
            run => alerts.SyncFailed(ssh.Target, run.Error ?? "failed", SyncText.Describe(group.Name, ssh.Target, ssh.Host, run)));
        sync.Start();
        return sync;
    }

    /// <summary>failoverctl sync GROUP [--dry-run].</summary>
    private async Task<ControlResponse> SyncAsync(string? name, bool dryRun, ControlCaller caller)
    {
        var index = _groups.FindIndex(g => g.Name == name);
        if (index < 0)
            return NoSuchGroup(name);
        if (_syncs[index] is not { } sync)
            return new ControlResponse(false, $"group {name} has no sync: section");
        return await sync.RunNowAsync(dryRun, caller.ToString()).ConfigureAwait(false);
    }

    /// <summary>The answer to a command naming a group this daemon does not run.</summary>
    private ControlResponse NoSuchGroup(string? name) =>
        new(false, $"no group '{name}' here (groups: {string.Join(", ", _groups.Select(g => g.Name))})");

    private static LinkDelays ToDelays(LinkConfig link) => new(link.UpDelay, link.DownDelay);

    public async Task<ControlResponse> HandleAsync(ControlRequest request, ControlCaller caller)
    {
        if (request.Command == "status")
            return new ControlResponse(true, Status: Status());
        if (request.Command == "probe")
            return await ProbeAsync(request.Name ?? "").ConfigureAwait(false);
        if (request.Command == "explain")
            return Explain(request.Group);
        if (request.Command == "sync")
            return await SyncAsync(request.Group, request.DryRun, caller).ConfigureAwait(false);
        if (request.Command == "splitbrain-status")
            return SplitBrainStatus(request.Group);
        if (request.Command == "splitbrain-resolve")
            return SplitBrainResolve(request, caller);
        if (request.Command == "events")
            return Events(request);
        if (request.Command is "standby-on" or "standby-off")
            return Standby(request.Command == "standby-on", caller);
        if (request.Command is "maintenance-on" or "maintenance-off")
            return Maintenance(request.Command == "maintenance-on", request.Group, caller);
        if (request.Command is not ("release" or "takeover" or "clear"))
            return new ControlResponse(false, $"unknown command '{request.Command}'");
        var group = _groups.FirstOrDefault(g => g.Name == request.Group);
        if (group is null)
            return NoSuchGroup(request.Group);

        AdminCommand(request.Command, group.Name, caller.ToString());
        var groupAlerts = _alerts[_groups.IndexOf(group)];
        switch (request.Command)
        {
            case "release":
                group.Release();
                groupAlerts.AdminCommand(request.Command, caller.ToString(), null);
                return KeepPreference(group, caller,
                    new ControlResponse(true, Message: $"{group.Name}: released; this node stays backup until 'failoverctl takeover' or 'failoverctl clear'"));
            case "takeover":
                if (!group.TryTakeOver(out var refusal))
                {
                    AdminRefused(request.Command, group.Name, refusal!);
                    groupAlerts.AdminCommand(request.Command, caller.ToString(), refusal);
                    return new ControlResponse(false, $"{group.Name}: cannot take over: {refusal}");
                }
                groupAlerts.AdminCommand(request.Command, caller.ToString(), null);
                return KeepPreference(group, caller,
                    new ControlResponse(true, Message: $"{group.Name}: taken over; this node stays master until 'failoverctl release' or 'failoverctl clear'"));
            default:
                group.Clear();
                _rules[_groups.IndexOf(group)].ClearHoldDown();
                groupAlerts.AdminCommand(request.Command, caller.ToString(), null);
                return KeepPreference(group, caller,
                    new ControlResponse(true, Message: $"{group.Name}: admin preference, chain hold and rules' hold-down cleared; configured priority and preempt apply again"));
        }
    }

    public StatusReport Status() => WithModes(
        new(_config.Node.Name, Version, _started, _groups.Select((g, i) => Report(g.Status(), _monitors[i], _rules[i], _peer) with { Sync = _syncs[i]?.Report() }).ToArray(),
            _peer?.Report(), MailReportOf(_mail)));

    /// <summary>failoverctl explain [GROUP]: a fresh evaluation of each group's rules, with every reason.</summary>
    private ControlResponse Explain(string? name)
    {
        if (name is not null && _groups.All(g => g.Name != name))
            return NoSuchGroup(name);
        return new ControlResponse(true, Explain: _groups.Select((g, i) => (g, i)).Where(x => name is null || x.g.Name == name)
            .Select(x => _rules[x.i].Explain()).ToArray());
    }

    /// <summary>failoverctl probe [GROUP/]NAME: one run now, outside the schedule; the health is not changed by it.</summary>
    private async Task<ControlResponse> ProbeAsync(string name)
    {
        var slash = name.IndexOf('/');
        var (groupName, probeName) = slash >= 0 ? (name[..slash], name[(slash + 1)..]) : ((string?)null, name);
        var matches = _config.Groups.Select((g, i) => (Group: g.Name, Monitors: _monitors[i]))
            .Where(m => (groupName is null || m.Group == groupName) && m.Monitors.Has(probeName)).ToArray();
        if (matches.Length == 0)
            return new ControlResponse(false, $"no probe '{name}' here");
        if (matches.Length > 1)
            return new ControlResponse(false, $"probe '{probeName}' is in groups {string.Join(", ", matches.Select(m => m.Group))}: say GROUP/{probeName}");
        var (group, monitors) = matches[0];
        var result = await monitors.RunOnce(probeName)!.ConfigureAwait(false);
        var kind = monitors.Statuses().First(s => s.Config.Name == probeName).Config.Probe.Kind;
        return new ControlResponse(true, Probe: new ProbeReport(group, probeName, kind, result.Healthy ? "UP" : "DOWN",
            result.Reason, result.Latency.TotalMilliseconds, null, result.Healthy ? 1 : 0, result.Healthy ? 0 : 1));
    }

    private static string PreferenceName(AdminPreference preference) => preference switch
    {
        AdminPreference.StayBackup => "released",
        AdminPreference.StayMaster => "taken-over",
        _ => "none",
    };

    private static GroupReport Report(GroupStatus s, GroupMonitors monitors, GroupRules rules, PeerChannel? peer) => new(
        s.Name, s.Vhid, s.Interface, s.Source, s.Vips, GroupRuntime.StateName(s.State), s.LinkUp ? "up" : "down", s.Master,
        s.LastTransition is { } t ? new TransitionReport(GroupRuntime.StateName(t.From), GroupRuntime.StateName(t.To), t.Reason, t.At) : null,
        PreferenceName(s.Preference),
        new AdvertReport(s.AdvertsSent, s.AdvertsReceived, s.SendErrors, s.Rejected),
        ProbeReports(s.Name, monitors, peer),
        s.IneligibleReason,
        s.Hold is { } hold ? ChainReports.From(hold) : null,
        s.LastChain is { } chain ? ChainReports.From(chain) : null,
        rules.Report(),
        Drbd: DrbdReports.Of(monitors.Drbd()));

    /// <summary>
    /// The group's probes by whom they are about: this node's own, then those the peer ran of this node (as the rules
    /// read them, unknown while the channel is down), then this node's measurements of the peer.
    /// </summary>
    private static ProbeReport[] ProbeReports(string group, GroupMonitors monitors, PeerChannel? peer)
    {
        var statuses = monitors.Statuses();
        var own = statuses.Where(m => m.Config.For == MonitorFor.Self).Select(m => Report(group, m.Config, m.Status, null));
        var measuredByPeer = MeasuredByPeer(group, monitors, peer).Select(p => new ProbeReport(group, p.Key, p.Value.Kind, GroupMonitors.Word(p.Value.Health), p.Value.Reason, null, null, 0, 0,
                MeasuredBy: p.Value.MeasuredBy));
        var ofPeer = statuses.Where(m => m.Config.For == MonitorFor.Peer).Select(m => Report(group, m.Config, m.Status, peer?.Node));
        return [.. own, .. measuredByPeer, .. ofPeer];
    }

    /// <summary>What the peer measured of this node's group, as its rules read it (<see cref="PeerProbes.AboutMe"/>).</summary>
    private static ImmutableSortedDictionary<string, ProbeFact> MeasuredByPeer(string group, GroupMonitors monitors, PeerChannel? peer)
    {
        var (reachable, peerFacts) = peer?.For(group) ?? (false, null);
        return PeerProbes.AboutMe(group, monitors.Probes(), monitors.ForPeer(), peer?.Node ?? "(none configured)", reachable, peerFacts);
    }

    private static ProbeReport Report(string group, MonitorConfig config, Failover.Monitors.Health.ProbeStatus status, string? about) => new(
        group, config.Name, config.Probe.Kind, GroupMonitors.Word(status.Health), status.LastResult?.Reason,
        status.LastResult?.Latency.TotalMilliseconds, status.LastTransitionAt, status.ConsecutiveSuccesses, status.ConsecutiveFailures,
        About: about);

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "admin: {Command} of group {Group} requested by {Caller}")]
    private partial void AdminCommand(string command, string group, string caller);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "admin: {Command} of group {Group} refused: {Reason}")]
    private partial void AdminRefused(string command, string group, string reason);

    public async ValueTask DisposeAsync()
    {
        await StopHttpAsync().ConfigureAwait(false);
        // First: a push in progress is cancelled (rsync killed) before the groups bow out.
        foreach (var sync in _syncs)
        {
            if (sync is not null)
                await sync.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var resolver in _splitBrain.OfType<SplitBrainResolver>())
        {
            var index = _splitBrain.IndexOf(resolver);
            _monitors[index].Changed -= resolver.Check;
            if (_peer is not null)
                _peer.Changed -= resolver.Check;
            await resolver.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var rules in _rules)
            await rules.DisposeAsync().ConfigureAwait(false);
        foreach (var monitors in _monitors)
            await monitors.DisposeAsync().ConfigureAwait(false);
        // Groups stop first and together: a stopping node must not take over on its peer's bow-out,
        // and each master bows out at once rather than after another group's chains.
        await Task.WhenAll(_groups.Select(g => g.DisposeAsync().AsTask())).ConfigureAwait(false);
        // After the groups: a master's bow-out and its on_backup are mailed ("left MASTER: daemon stopping").
        foreach (var alerts in _alerts)
        {
            if (_peer is not null)
                _peer.Changed -= alerts.PeerChanged;
            alerts.Dispose();
        }
        if (_peer is not null)
            await _peer.DisposeAsync().ConfigureAwait(false);
        if (_control is not null)
            await _control.DisposeAsync().ConfigureAwait(false);
        if (_links is not null)
            await _links.DisposeAsync().ConfigureAwait(false);
        if (_mail is not null)
            await _mail.DisposeAsync().ConfigureAwait(false);
    }
}
