using Failover.Daemon.Alerts;
using System.Net;
using Failover.Control;
using Failover.Daemon.Config;
using Failover.Peer.Snapshot;
using Failover.Peer.Transport;
using Failover.Peer.Wire;
using Failover.Rules.Facts;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// The daemon's one <see cref="PeerLink"/>: every group's latest facts go out in one snapshot, and the peer's come
/// back to each group's rules by group name.
/// </summary>
public sealed partial class PeerChannel : IPeerChannel, IAsyncDisposable
{
    private readonly PeerConfig _config;
    private readonly string _localNode;
    private readonly PeerLink _link;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PeerGroupSnapshot> _mine;
    private readonly string[] _order;
    private bool? _wasReachable;

    private PeerChannel(PeerConfig config, string localNode, IReadOnlyList<GroupConfig> groups, TimeProvider time, ILogger logger)
    {
        _config = config;
        _localNode = localNode;
        _logger = logger;
        _order = groups.Select(g => g.Name).ToArray();
        _mine = new Dictionary<string, PeerGroupSnapshot>(StringComparer.Ordinal);
        _link = new PeerLink(new PeerLinkOptions
        {
            LocalNode = localNode,
            PeerNode = config.Node,
            Key = KeyOf(config, groups),
            Listen = new IPEndPoint(config.Listen, config.Port),
            Peer = new IPEndPoint(config.Address, config.Port),
            Interval = config.Interval,
            Silence = config.Silence,
            Log = line => LinkEvent(line),  // the link's lines name the peer themselves
        }, time);
        _link.Changed += OnChanged;
    }

    public event Action? Changed;

    /// <summary>The peer went silent (false) or is heard again after a silence (true); not raised for the first contact.</summary>
    public event Action<bool>? ReachabilityChanged;

    /// <summary>Opens the listener and starts talking to the peer (a port in use throws SocketException).</summary>
    public static PeerChannel Start(PeerConfig config, string localNode, IReadOnlyList<GroupConfig> groups, TimeProvider time, ILoggerFactory loggers)
    {
        var channel = new PeerChannel(config, localNode, groups, time, loggers.CreateLogger("failoverd.peer"));
        channel._link.Start();
        channel.Started(config.Node, $"{config.Address}:{config.Port}", $"{config.Listen}:{config.Port}",
            config.SecretFile is { } file ? $"secret_file {file}" : "the key derived from the groups' CARP passwords");
        return channel;
    }

    /// <summary>
    /// A dedicated secret when configured; otherwise every group's CARP password. Whoever knows those can already take
    /// the VIPs with forged adverts, so deriving the key from them opens nothing new, and needs no third secret.
    /// </summary>
    internal static PeerKey KeyOf(PeerConfig config, IReadOnlyList<GroupConfig> groups) =>
        config.Secret is { } secret
            ? PeerKey.FromSecret(secret)
            : PeerKey.FromGroupSecrets(groups.Select(g => KeyValuePair.Create(g.Name, g.Password)));

    public string Node => _config.Node;

    public (bool Reachable, GroupFacts? Peer) For(string group) => PeerFacts.For(_link.Current, group);

    /// <summary>This node's last time as Primary by DRBD fact name, sent with each snapshot; null: not sent.</summary>
    public Func<string, DateTimeOffset?>? LastPrimaryOf { get; set; }

    /// <summary>The peer's DRBD of <paramref name="group"/> for split-brain recovery: unreachable while the channel is down.</summary>
    public PeerDrbdView DrbdFor(string group)
    {
        var (reachable, peer) = For(group);
        if (!reachable)
            return PeerDrbdView.Unreachable;
        var sent = _link.Current?.Snapshot?.Groups.FirstOrDefault(g => g.Name == group)?.Drbd ?? [];
        return new PeerDrbdView(peer?.Drbd ?? (IReadOnlyDictionary<string, Failover.Monitors.Drbd.DrbdResourceState>)new Dictionary<string, Failover.Monitors.Drbd.DrbdResourceState>(),
            sent.Where(d => d.LastPrimary is not null).GroupBy(d => d.Name).ToDictionary(d => d.Key, d => d.First().LastPrimary!.Value))
        {
            Master = peer?.State == Failover.Carp.CarpState.Master,
        };
    }

    /// <summary>The peer's state of <paramref name="group"/> in words, for alert mail.</summary>
    public PeerLine LineFor(string group)
    {
        var (reachable, peer) = For(group);
        if (!reachable)
            return new PeerLine(_config.Node, "not heard: the peer channel is down (its last state is not used)");
        if (peer is null)
            return new PeerLine(_config.Node, $"heard, but it has no group {group}");
        var lines = new List<string> { $"{peer.State.ToString().ToUpperInvariant()}, link {(peer.LinkUp ? "up" : "down")} (from the peer channel)" };
        lines.AddRange(peer.Probes.Select(p => $"probe {p.Key} ({p.Value.Kind}) {p.Value.Health.ToString().ToUpperInvariant()}"
            + (p.Value.Reason is { } reason ? ": " + reason : "")));
        var probes = peer.Probes.Select(p => new ProbeLine(p.Key, p.Value.Kind, p.Value.Health.ToString().ToUpperInvariant(), p.Value.Reason)).ToArray();
        return new PeerLine(_config.Node, string.Join('\n', lines), probes);
    }

    public void Publish(GroupFacts facts)
    {
        var group = PeerFacts.ToSnapshot(facts);
        if (LastPrimaryOf is { } lastPrimary)
            group = group with { Drbd = group.Drbd.Select(d => d with { LastPrimary = lastPrimary(d.Name) }).ToArray() };
        PeerSnapshot snapshot;
        lock (_gate)
        {
            _mine[facts.Group] = group;
            snapshot = new PeerSnapshot
            {
                Node = _localNode,
                Version = FailoverDaemon.Version,
                Groups = _order.Where(_mine.ContainsKey).Select(n => _mine[n]).ToArray(),
            };
        }
        _link.Publish(snapshot);
    }

    /// <summary>failoverctl status: the peer as last heard, and the channel's rejects.</summary>
    public PeerReport Report()
    {
        var view = _link.Current;
        return new PeerReport(_config.Node, $"{_config.Address}:{_config.Port}", view.Reachable, view.Since, view.LastHeard,
            view.Snapshot?.Version,
            (view.Snapshot?.Groups ?? []).Select(g => new PeerGroupReport(g.Name, g.State.ToUpperInvariant(), g.LinkUp ? "up" : "down",
                g.Probes.Select(p => new PeerProbeReport(p.Name, p.Kind, p.Health.ToUpperInvariant(), p.Reason)).ToArray(),
                g.Standby, g.Maintenance)).ToArray(),
            _link.Rejects.Snapshot().ToDictionary(r => r.Key.ToString(), r => r.Value));
    }

    /// <summary>On the link's task, one at a time: logs reachability changes only (new facts are not news).</summary>
    private void OnChanged(PeerView view)
    {
        if (_wasReachable != view.Reachable)
        {
            if (view.Reachable)
                PeerReachable(_config.Node, view.Snapshot?.Version ?? "?");
            else if (_wasReachable is not null)
                DecidingAlone(_config.Node);
            var news = _wasReachable is not null;
            _wasReachable = view.Reachable;
            if (news)
                ReachabilityChanged?.Invoke(view.Reachable);
        }
        Changed?.Invoke();
    }

    public ValueTask DisposeAsync()
    {
        _link.Changed -= OnChanged;
        ReachabilityChanged = null;
        return _link.DisposeAsync();
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "peer {Peer}: channel to {Address}, listening on {Listen}, {Key}")]
    private partial void Started(string peer, string address, string listen, string key);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "{Line}")]
    private partial void LinkEvent(string line);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "peer {Peer}: reachable (failoverd {Version})")]
    private partial void PeerReachable(string peer, string version);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "peer {Peer}: not heard; the rules decide on this node's facts alone")]
    private partial void DecidingAlone(string peer);
}
