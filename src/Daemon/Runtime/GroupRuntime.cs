using System.Net;
using System.Net.Sockets;
using Failover.Actions.Chains;
using Failover.Actions.Steps;
using Failover.Carp;
using Failover.Carp.Protocol;
using Failover.Carp.StateMachine;
using Failover.Carp.Transport;
using Failover.Daemon.Config;
using Failover.LinkWatch;
using Failover.Rules.Facts;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// The I/O shell around one group's pure <see cref="CarpStateMachine"/>: feeds it received adverts,
/// timer expiries, link changes and eligibility, one at a time under a lock, and carries out what it
/// decides (send adverts, gratuitous ARP, queue the on_master / on_backup chains). Everything done under
/// the lock takes microseconds; chains run on their own task and move the VIPs through their vip step.
/// A backup drops the VIPs at once, without waiting for its chain: the peer may already hold them.
/// </summary>
public sealed partial class GroupRuntime : IAsyncDisposable, IGroupVips
{
    /// <summary>The eligibility source of a failed on_master chain's hold.</summary>
    public const string ChainBlocker = "chain";

    private static readonly TimeSpan RejectLogInterval = TimeSpan.FromMinutes(1);

    private readonly GroupConfig _config;
    private readonly IGroupNetwork _network;
    private readonly ILinkWatch _links;
    private readonly IPAddress _source;
    private readonly CarpKey _key;
    private readonly CarpStateMachine _machine;
    private readonly ChainRunner _chains;
    private readonly Eligibility _eligibility = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _startTimestamp;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Queue<TimeSpan> _garpRounds = new();
    private readonly Dictionary<CarpRejectReason, TimeSpan> _lastRejectLog = [];
    private readonly ITimer _carpTimer;
    private readonly ITimer _garpTimer;
    private readonly ITimer _holdTimer;
    private Task _receiveLoop = Task.CompletedTask;
    private IDisposable? _linkSubscription;
    private ulong _counter = (ulong)Random.Shared.NextInt64();
    private CarpState _reportedState = CarpState.Init;
    private TransitionRecord? _lastTransition;
    private bool _linkUp = true;
    private bool _vipsHeld;
    private ChainHold? _hold;
    private DateTimeOffset? _vipUpFailedAt;
    private long _linkLosses;
    private bool _stopped;

    public AdvertCounters Counters { get; } = new();

    /// <summary>Where the chains' mail steps post; the daemon attaches its alerts.</summary>
    public StepMailSlot StepMail { get; } = new();
    public string Name => _config.Name;

    /// <summary>
    /// A fact the rules read changed: a transition, the link, the admin preference, a chain's result. Raised under
    /// the group's lock, so a handler must only take note (queue an evaluation), never call back in synchronously.
    /// </summary>
    public event Action? FactsChanged;

    /// <summary>How many times the link went down since start: a loss and return between two looks still counts.</summary>
    public long LinkLosses
    {
        get
        {
            lock (_gate)
                return _linkLosses;
        }
    }

    internal GroupRuntime(GroupConfig config, IGroupNetwork network, ILinkWatch links, IPAddress source, TimeProvider time, ILoggerFactory loggers)
    {
        _config = config;
        _network = network;
        _links = links;
        _source = source;
        _time = time;
        _logger = loggers.CreateLogger("failoverd.group");
        _key = new CarpKey(config.Password, config.Vhid, config.Vips[0].Address);
        _machine = new CarpStateMachine(new CarpSettings(config.Vhid, new CarpTiming(config.AdvBase, config.AdvSkew),
            source, config.DeadRatio, config.Preempt, config.Neutral));
        _chains = new ChainRunner(config.Name, new SystemSteps(this, config.Interface, config.Vips[0].Address, time, mail: StepMail),
            time, loggers.CreateLogger("failoverd.chains"), OnChainFinished);
        _startTimestamp = time.GetTimestamp();
        _carpTimer = time.CreateTimer(_ => OnCarpTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _garpTimer = time.CreateTimer(_ => OnGarpTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _holdTimer = time.CreateTimer(_ => OnHoldOver(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Opens the group's sockets and starts it in BACKUP, as ucarp does.</summary>
    public static GroupRuntime Start(GroupConfig config, ILinkWatch links, TimeProvider time, ILoggerFactory loggers)
    {
        var group = Open(config, links, time, loggers);
        group.Begin();
        return group;
    }

    /// <summary>Opens the group's sockets without starting it: <see cref="Begin"/> starts it, once its blockers are set.</summary>
    internal static GroupRuntime Open(GroupConfig config, ILinkWatch links, TimeProvider time, ILoggerFactory loggers)
    {
        var nic = NetworkInterfaceInfo.Find(config.Interface)
            ?? throw new StartupException($"group {config.Name}: interface {config.Interface} does not exist");
        var source = config.Source ?? DefaultSource(config, nic);
        LinuxGroupNetwork network;
        try
        {
            network = LinuxGroupNetwork.Open(nic, source);
        }
        catch (SocketException e)
        {
            throw new StartupException($"group {config.Name}: cannot open raw sockets on {config.Interface}: {e.Message}" +
                (e.SocketErrorCode == SocketError.AccessDenied ? " (failoverd needs root or CAP_NET_RAW+CAP_NET_ADMIN)" : ""), e);
        }
        return new GroupRuntime(config, network, links, source, time, loggers);
    }

    private static IPAddress DefaultSource(GroupConfig config, NetworkInterfaceInfo nic)
    {
        var vips = config.Vips.Select(v => v.Address).ToHashSet();
        return nic.Ipv4Addresses.FirstOrDefault(a => !vips.Contains(a))
            ?? throw new StartupException($"group {config.Name}: interface {config.Interface} has no IPv4 address of its own; set 'source:'");
    }

    internal void Begin()
    {
        // Subscribe before reading the state, so that no change falls between the two.
        _linkSubscription = _links.Subscribe(_config.Interface, OnLinkChanged);
        lock (_gate)
        {
            Carry(_machine.Start(Now));
            if (!_links.IsUp(_config.Interface))
                OnLinkChangedLocked(up: false);
        }
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public GroupStatus Status()
    {
        lock (_gate)
        {
            return new GroupStatus(_config.Name, _config.Vhid, _config.Interface, _source.ToString(),
                _config.Vips.Select(v => v.ToString()).ToArray(), _machine.State, _linkUp,
                _machine.LastMasterSeen?.ToString(), _lastTransition, _machine.Preference, Counters.Sent, Counters.Received,
                Counters.SendErrors, Counters.Rejected(), _machine.IneligibleReason, _hold, _chains.Last);
        }
    }

    /// <summary>The group's own facts for the rules (state, master, link, preference, transition, vip-up failure); the
    /// probes' and DRBD's are added by the caller.</summary>
    public GroupFacts Facts()
    {
        lock (_gate)
        {
            return new GroupFacts
            {
                Group = _config.Name,
                State = _machine.State,
                MasterSeen = _machine.LastMasterSeen,
                LinkUp = _linkUp,
                Preference = _machine.Preference,
                LastTransitionAt = _lastTransition?.At,
                VipUpFailedAt = _vipUpFailedAt,
                Standby = _standby,
                Maintenance = _machine.IsFrozen,
            };
        }
    }

    /// <summary>Admin release: bow out if master, and stop preempting until takeover or clear.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (!_stopped)
                Carry(_machine.Release(Now));
            FactsChanged?.Invoke();
        }
    }

    /// <summary>Admin takeover: become master now and stay master; false with the reason when it cannot win.</summary>
    public bool TryTakeOver(out string? refusal)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                refusal = "the daemon is stopping";
                return false;
            }
            if (!_machine.TryTakeOver(Now, out var decision, out refusal))
                return false;
            Carry(decision);
            FactsChanged?.Invoke();
            return true;
        }
    }

    /// <summary>Forgets an admin release or takeover, and ends the hold after a failed on_master chain.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Carry(_machine.Clear(Now));
            if (_hold is not null)
                EndHold("cleared by admin");
            FactsChanged?.Invoke();
        }
    }

    /// <summary>
    /// Forbids this node to be master for <paramref name="reason"/> from <paramref name="source"/> (each
    /// source holds one reason), or lifts that source's reason when it is null. Any reason makes the node
    /// ineligible: a master bows out, a backup stays backup. See <see cref="CarpStateMachine.SetEligible"/>.
    /// </summary>
    public void SetBlocker(string source, string? reason)
    {
        lock (_gate)
            SetBlockerLocked(source, reason);
    }

    /// <summary>Completes once no chain runs or waits.</summary>
    internal Task WhenChainsIdleAsync() => _chains.WhenIdleAsync();

    /// <summary>
    /// Daemon stopping: a master bows out (the peer takes over at once), drops its VIPs and runs
    /// on_backup; then the sockets close once the queued chains have finished.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_stopped)
                return;
            Carry(_machine.Shutdown(Now));
            _stopped = true;
        }
        _linkSubscription?.Dispose();
        _carpTimer.Dispose();
        _garpTimer.Dispose();
        _holdTimer.Dispose();
        _stopping.Cancel();
        await _receiveLoop.ConfigureAwait(false);
        await _chains.DisposeAsync().ConfigureAwait(false);
        _network.Dispose();
    }

    private TimeSpan Now => _time.GetElapsedTime(_startTimestamp);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        while (!_stopping.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _network.ReceiveAsync(buffer, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                ReceiveFailed(_config.Name, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            OnPacket(buffer.AsSpan(0, length));
        }
    }

    internal void OnPacket(ReadOnlySpan<byte> packet)
    {
        var result = CarpReceiveCheck.Check(packet, _source, vhid => vhid == _config.Vhid ? _key : null);
        if (!result.IsAccepted)
        {
            OnRejected(result.Reason!.Value, result.Source);
            return;
        }
        Counters.CountReceived();
        lock (_gate)
        {
            if (!_stopped)
                Carry(_machine.OnAdvertisement(Now, result.Advertisement.ToPeer()));
        }
    }

    private void OnRejected(CarpRejectReason reason, IPAddress? source)
    {
        long count = Counters.CountRejected(reason);
        if (reason is CarpRejectReason.OwnPacket or CarpRejectReason.OtherVhid)
            return; // ordinary on a shared LAN: counted, not worth a log line
        lock (_gate)
        {
            var now = Now;
            if (_lastRejectLog.TryGetValue(reason, out var last) && now - last < RejectLogInterval)
                return;
            _lastRejectLog[reason] = now;
        }
        AdvertRejected(_config.Name, source?.ToString() ?? "?", RejectReasonText.Explain(reason), count);
    }

    private void OnCarpTimer()
    {
        lock (_gate)
        {
            if (!_stopped)
                Carry(_machine.OnTimer(Now));
        }
    }

    /// <summary>A settled carrier change from the link watch (after the interface's debounce delays).</summary>
    private void OnLinkChanged(bool up)
    {
        lock (_gate)
        {
            if (!_stopped)
                OnLinkChangedLocked(up);
        }
    }

    private void OnLinkChangedLocked(bool up)
    {
        if (up == _linkUp)
            return;
        _linkUp = up;
        if (!up)
            _linkLosses++;
        LinkChanged(_config.Name, _config.Interface, up ? "up" : "down");
        Carry(up ? _machine.OnLinkUp(Now) : _machine.OnLinkDown(Now));
        FactsChanged?.Invoke();
    }

    /// <summary>Carries out a decision (under the lock), then re-arms the protocol timer.</summary>
    private void Carry(CarpDecision decision)
    {
        foreach (var output in decision.Outputs)
        {
            switch (output)
            {
                case SendAdvertisement send:
                    SendAdvert(send.Timing);
                    break;
                case BecomeMaster master:
                    EnterMaster(master.Reason);
                    break;
                case BecomeBackup backup:
                    EnterBackup(backup.Reason, backup.RunHooks);
                    break;
                case TransitionWithheld withheld:
                    TransitionWithheld(_config.Name, StateName(withheld.To), withheld.Reason);
                    break;
                case SendGratuitousArp when _vipsHeld:
                    // At takeover the VIPs are not up yet: the vip step sends the first round itself.
                    SendGarpRound();
                    break;
            }
        }
        if (_machine.NextDeadline is { } deadline)
            _carpTimer.Change(Max(deadline - Now, TimeSpan.Zero), Timeout.InfiniteTimeSpan);
        else
            _carpTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void SendAdvert(CarpTiming timing)
    {
        Span<byte> packet = stackalloc byte[CarpAdvertisementFrame.PacketSize];
        CarpAdvertisementFrame.WritePacket(packet, _source, (ushort)Random.Shared.Next(1, 0x10000),
            _config.Vhid, timing, ++_counter, _key);
        try
        {
            _network.SendAdvertisement(packet);
            Counters.CountSent();
        }
        catch (SocketException e)
        {
            // No carrier or no route: counted; the link poll decides what it means for our state.
            if (Counters.SendErrors == 0)
                SendFailed(_config.Name, e.Message);
            Counters.CountSendError();
        }
    }

    private void EnterMaster(string reason)
    {
        RecordTransition(CarpState.Master, reason);
        _vipUpFailedAt = null; // a new master term: its own vip-up chain decides
        _chains.Enqueue(Chain.For(ChainKind.VipUp, _config.OnMaster, reason));
    }

    private void EnterBackup(string reason, bool runChain)
    {
        RecordTransition(CarpState.Backup, reason);
        if (RemoveVips() is { Succeeded: false } failed)
            VipFailed(_config.Name, failed.Detail);
        if (runChain)
            _chains.Enqueue(Chain.For(ChainKind.VipDown, _config.OnBackup, reason));
    }

    private void RecordTransition(CarpState to, string reason)
    {
        var from = _reportedState;
        _reportedState = to;
        _lastTransition = new TransitionRecord(from, to, reason, _time.GetUtcNow());
        Transition(_config.Name, StateName(from), StateName(to), reason);
        FactsChanged?.Invoke();
    }

    private void OnGarpTimer()
    {
        lock (_gate)
        {
            if (_stopped || _machine.State != CarpState.Master)
                return;
            var now = Now;
            bool due = false;
            while (_garpRounds.TryPeek(out var at) && at <= now)
            {
                _garpRounds.Dequeue();
                due = true;
            }
            if (due)
                SendGarpRound();
            ArmGarpTimer();
        }
    }

    private void ArmGarpTimer()
    {
        if (_garpRounds.TryPeek(out var next))
            _garpTimer.Change(Max(next - Now, TimeSpan.Zero), Timeout.InfiniteTimeSpan);
        else
            _garpTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void SendGarpRound()
    {
        foreach (var vip in _config.Vips)
        {
            try
            {
                _network.SendGratuitousArp(vip.Address);
            }
            catch (SocketException)
            {
                // Link down: the next round or the next takeover will announce again.
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public static string StateName(CarpState state) => state.ToString().ToUpperInvariant();

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "group {Group}: {From} -> {To} ({Reason})")]
    private partial void Transition(string group, string from, string to, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "group {Group}: rejected advert from {Source}: {Why} ({Count} so far)")]
    private partial void AdvertRejected(string group, string source, string why, long count);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "group {Group}: link {Interface} is {State}")]
    private partial void LinkChanged(string group, string @interface, string state);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "group {Group}: {Error}")]
    private partial void VipFailed(string group, string error);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "group {Group}: cannot send advertisement: {Error}")]
    private partial void SendFailed(string group, string error);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "group {Group}: receive failed: {Error}")]
    private partial void ReceiveFailed(string group, string error);
}
