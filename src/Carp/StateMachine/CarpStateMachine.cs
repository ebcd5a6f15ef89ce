using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Failover.Carp.StateMachine;

/// <summary>
/// The CARP state machine with ucarp 1.5.2 semantics, as a pure object: no I/O, no clock, no threads.
/// Every call takes the current monotonic time and returns what the daemon must do; the daemon then
/// calls <see cref="OnTimer"/> at <see cref="NextDeadline"/>. Not thread-safe: call from one thread at a time.
/// </summary>
public sealed partial class CarpStateMachine
{
    /// <summary>ucarp's sc_delayed_arp: a second GARP goes out after this many adverts following the
    /// takeover advert, for L3 switches that missed or ignored the first one.</summary>
    private const int AdvertsBeforeDelayedArp = 2;

    private readonly CarpSettings _settings;
    private TimeSpan? _deadline;
    private int _advertsUntilDelayedArp;
    private CarpTiming? _lastMasterTiming;

    public CarpStateMachine(CarpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.Source);
        if (settings.Vhid == 0)
        {
            throw new ArgumentException("vhid must be 1..255", nameof(settings));
        }
        if (settings.Timing.Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("advbase and advskew must not both be 0", nameof(settings));
        }
        if (settings.DeadRatio < 1)
        {
            throw new ArgumentException("dead ratio must be at least 1", nameof(settings));
        }
        if (settings.Source.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"source must be IPv4, got {settings.Source}", nameof(settings));
        }

        _settings = settings;
    }

    public CarpState State { get; private set; } = CarpState.Init;

    /// <summary>When the daemon must call <see cref="OnTimer"/> next; null while no timer is armed.</summary>
    public TimeSpan? NextDeadline => _deadline;

    /// <summary>False between <see cref="OnLinkDown"/> and <see cref="OnLinkUp"/>.</summary>
    public bool IsLinkUp { get; private set; } = true;

    /// <summary>True after <see cref="Shutdown"/>: every later call returns no outputs.</summary>
    public bool IsStopped { get; private set; }

    /// <summary>Source of the last accepted advert from a master, or our own source while we are master.</summary>
    public IPAddress? LastMasterSeen { get; private set; }

    public string? LastTransitionReason { get; private set; }

    public TimeSpan? LastTransitionAt { get; private set; }

    /// <summary>
    /// False while something outside the protocol forbids this node to be master (a failed vip-up chain,
    /// later failing rules): it bows out if master and, as backup, never takes over. See <see cref="SetEligible"/>.
    /// </summary>
    public bool IsEligible { get; private set; } = true;

    /// <summary>Why the node is not eligible; null while it is.</summary>
    public string? IneligibleReason { get; private set; }

    /// <summary>What an admin asked of this node (release, takeover), until cleared.</summary>
    public AdminPreference Preference { get; private set; }

    /// <summary>The timing we advertise: the configured one, or advskew 0 while taken over by an admin.</summary>
    public CarpTiming Timing => Preference == AdminPreference.StayMaster ? TakeoverTiming : _settings.Timing;

    private CarpTiming TakeoverTiming => new(_settings.Timing.AdvBase, 0);

    private bool Preempts => Preference switch
    {
        AdminPreference.StayBackup => false,
        AdminPreference.StayMaster => true,
        _ => _settings.Preempt,
    };

    private bool IsRunning => !IsStopped && State != CarpState.Init && IsLinkUp;

    /// <summary>A backup that may take over watches for a dead master; any other has no master-down timer.</summary>
    private bool MayTakeOver => IsLinkUp && IsEligible;

    /// <summary>INIT → BACKUP. The master-down timer starts now (or at link up, if the link is down).</summary>
    public CarpDecision Start(TimeSpan now)
    {
        if (IsStopped || State != CarpState.Init)
        {
            return CarpDecision.None;
        }

        const string reason = "startup";
        EnterBackup(now, reason);
        // Frozen (a node started in maintenance): no chain, as for any other transition.
        return new([new BecomeBackup(reason, RunHooks: !_settings.Neutral && !IsFrozen)]);
    }

    /// <summary>Acts on the armed deadline if it is due; an early call does nothing. A late call acts
    /// once and schedules from <paramref name="now"/>, so a stalled daemon sends no burst of adverts.</summary>
    public CarpDecision OnTimer(TimeSpan now)
    {
        if (!IsRunning || _deadline is not { } deadline || now < deadline)
        {
            return CarpDecision.None;
        }

        if (State == CarpState.Master)
        {
            return Advertise(now);
        }
        return IsEligible ? TakeOver(now, $"no advertisement for {Seconds(_settings.DeadInterval)}") : CarpDecision.None;
    }

    /// <summary>An advert from our vhid that passed every receive check (checksum, TTL, HMAC, not ours).</summary>
    public CarpDecision OnAdvertisement(TimeSpan now, PeerAdvertisement advert)
    {
        if (!IsRunning)
        {
            return CarpDecision.None;
        }

        return State == CarpState.Master ? MasterHeard(now, advert) : BackupHeard(now, advert);
    }

    /// <summary>The interface lost carrier: give up the VIPs and stop all timers until link up.</summary>
    public CarpDecision OnLinkDown(TimeSpan now)
    {
        if (IsStopped || !IsLinkUp)
        {
            return CarpDecision.None;
        }

        IsLinkUp = false;
        _deadline = null;
        _advertsUntilDelayedArp = 0;
        if (State != CarpState.Master)
        {
            return CarpDecision.None;
        }

        const string reason = "link down";
        if (IsFrozen)
        {
            return Withhold(CarpState.Backup, reason);
        }
        SetState(CarpState.Backup, now, reason);
        return new([new BecomeBackup(reason, RunHooks: true)]);
    }

    /// <summary>Carrier is back: wait a full dead interval for a master before taking over.</summary>
    public CarpDecision OnLinkUp(TimeSpan now)
    {
        if (IsStopped || IsLinkUp)
        {
            return CarpDecision.None;
        }

        IsLinkUp = true;
        if (State == CarpState.Backup && MayTakeOver)
        {
            _deadline = now + _settings.DeadInterval;
        }
        else if (State == CarpState.Master)
        {
            // Only a frozen master is still master after a link loss: it advertises again.
            _deadline = now + Timing.Interval;
        }
        return CarpDecision.None;
    }

    /// <summary>The daemon is stopping. A master sends a bow-out advert (advbase 255, advskew 255) that
    /// a ucarp or failoverd backup honours at once, then gives up the VIPs.</summary>
    public CarpDecision Shutdown(TimeSpan now)
    {
        if (IsStopped)
        {
            return CarpDecision.None;
        }

        IsStopped = true;
        _deadline = null;
        _advertsUntilDelayedArp = 0;
        if (State != CarpState.Master)
        {
            return CarpDecision.None;
        }

        const string reason = "shutdown";
        SetState(CarpState.Backup, now, reason);
        return new([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup(reason, RunHooks: true)]);
    }

    /// <summary>
    /// Admin release: a master bows out (the peer takes over at once) and gives up the VIPs; in any
    /// state the node stops preempting until <see cref="TakeOver"/> or <see cref="Clear"/>.
    /// </summary>
    public CarpDecision Release(TimeSpan now)
    {
        if (IsStopped || State == CarpState.Init)
        {
            return CarpDecision.None;
        }

        Preference = AdminPreference.StayBackup;
        if (State != CarpState.Master)
        {
            return CarpDecision.None;
        }

        const string reason = "released by admin";
        if (IsFrozen)
        {
            _withheldRelease = true;
            return Withhold(CarpState.Backup, reason);
        }
        EnterBackup(now, reason);
        return new([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup(reason, RunHooks: true)]);
    }

    /// <summary>
    /// Admin takeover: advertise advskew 0 from now on and, as a backup with its link up, become master
    /// at once (the current master yields when it hears the better advert). Refused, changing nothing,
    /// when the master we hear already advertises as well as we could and would win the tie.
    /// </summary>
    public bool TryTakeOver(TimeSpan now, out CarpDecision decision, out string? refusal)
    {
        decision = CarpDecision.None;
        refusal = null;
        if (IsStopped || State == CarpState.Init)
        {
            refusal = "the group is not running";
            return false;
        }
        if (!IsEligible)
        {
            refusal = $"this node is not eligible: {IneligibleReason}";
            return false;
        }
        if (State == CarpState.Backup && _lastMasterTiming is { } master && LastMasterSeen is { } source
            && !(TakeoverTiming < master || (TakeoverTiming == master && MasterTieBreak.PeerWins(source, _settings.Source))))
        {
            refusal = $"master {source} advertises {master}, which {TakeoverTiming} cannot beat; release it on that node instead";
            return false;
        }

        Preference = AdminPreference.StayMaster;
        if (State == CarpState.Backup && IsLinkUp)
        {
            decision = TakeOver(now, "taken over by admin");
        }
        return true;
    }

    /// <summary>
    /// Whether this node may be master. Not eligible: a master bows out at once (like <see cref="Release"/>:
    /// the peer takes over without waiting) and gives up the VIPs; a backup never becomes master (no
    /// master-down timer, no preemption, no admin takeover). Eligible again: a backup arms its master-down
    /// timer, so it takes over if no master is heard for a dead interval, and preempts as configured.
    /// </summary>
    /// <param name="reason">Why not, for the log, status and a refused takeover; ignored when eligible.</param>
    public CarpDecision SetEligible(TimeSpan now, bool eligible, string reason)
    {
        if (IsStopped)
        {
            return CarpDecision.None;
        }
        if (eligible)
        {
            if (IsEligible)
            {
                return CarpDecision.None;
            }
            IsEligible = true;
            IneligibleReason = null;
            if (State == CarpState.Backup && MayTakeOver)
            {
                _deadline = now + _settings.DeadInterval;
            }
            return CarpDecision.None;
        }

        IsEligible = false;
        IneligibleReason = reason;
        if (State != CarpState.Master)
        {
            if (State == CarpState.Backup)
            {
                _deadline = null;
            }
            return CarpDecision.None;
        }

        var why = $"not eligible: {reason}";
        if (IsFrozen)
        {
            return Withhold(CarpState.Backup, why);
        }
        EnterBackup(now, why);
        return new([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup(why, RunHooks: true)]);
    }

    /// <summary>Before <see cref="Start"/> only: the release or takeover a restarted daemon kept in its state file.</summary>
    public void RestorePreference(AdminPreference preference)
    {
        if (!IsStopped && State == CarpState.Init)
        {
            Preference = preference;
        }
    }

    /// <summary>Forgets the admin's release or takeover: back to the configured timing and preempt.</summary>
    public CarpDecision Clear(TimeSpan now)
    {
        Preference = AdminPreference.None;
        return CarpDecision.None;
    }

    private CarpDecision MasterHeard(TimeSpan now, PeerAdvertisement advert)
    {
        var peerPreferred = advert.Timing < Timing
            || (advert.Timing == Timing && MasterTieBreak.PeerWins(_settings.Source, advert.Source));
        if (!peerPreferred)
        {
            // A second master poisoned the ARP caches during the split; win them back.
            _advertsUntilDelayedArp = AdvertsBeforeDelayedArp;
            return new([new SendGratuitousArp($"reassert: non-preferred master {advert.Source}")]);
        }

        var reason = $"preferred master {advert.Source} advertised ({advert.Timing})";
        if (IsFrozen)
        {
            return Withhold(CarpState.Backup, reason);
        }
        EnterBackup(now, reason);
        LastMasterSeen = advert.Source;
        _lastMasterTiming = advert.Timing;
        // One more advert (ucarp does the same) so the peer hears a master and keeps asserting itself.
        return new([new SendAdvertisement(Timing), new BecomeBackup(reason, RunHooks: true)]);
    }

    private CarpDecision BackupHeard(TimeSpan now, PeerAdvertisement advert)
    {
        LastMasterSeen = advert.Source;
        _lastMasterTiming = advert.Timing;
        if (!IsEligible)
        {
            return CarpDecision.None;
        }
        if (advert.Timing.Interval > _settings.DeadInterval)
        {
            // Such a master would be declared dead between two of its adverts: it is bowing out.
            return TakeOver(now, $"master {advert.Source} bowed out ({advert.Timing})");
        }
        if (Preempts && Timing < advert.Timing)
        {
            return TakeOver(now, $"preempting slower master {advert.Source} ({advert.Timing})");
        }

        _deadline = now + _settings.DeadInterval;
        _withheldTakeover = null; // a master is heard again: nothing to catch up on
        return CarpDecision.None;
    }

    private CarpDecision TakeOver(TimeSpan now, string reason)
    {
        if (IsFrozen)
        {
            // Caught up on at thaw (unless a master is heard before); until then no master-down timer.
            _deadline = null;
            _withheldTakeover = reason;
            return Withhold(CarpState.Master, reason);
        }
        SetState(CarpState.Master, now, reason);
        LastMasterSeen = _settings.Source;
        _deadline = now + Timing.Interval;
        _advertsUntilDelayedArp = AdvertsBeforeDelayedArp;
        return new([new BecomeMaster(reason), new SendAdvertisement(Timing), new SendGratuitousArp("takeover")]);
    }

    private CarpDecision Advertise(TimeSpan now)
    {
        _deadline = now + Timing.Interval;
        if (_advertsUntilDelayedArp > 0 && --_advertsUntilDelayedArp == 0)
        {
            return new([new SendAdvertisement(Timing), new SendGratuitousArp("delayed")]);
        }
        return new([new SendAdvertisement(Timing)]);
    }

    private void EnterBackup(TimeSpan now, string reason)
    {
        SetState(CarpState.Backup, now, reason);
        _deadline = MayTakeOver ? now + _settings.DeadInterval : null;
        _advertsUntilDelayedArp = 0;
    }

    private void SetState(CarpState state, TimeSpan now, string reason)
    {
        State = state;
        LastTransitionReason = reason;
        LastTransitionAt = now;
    }

    private static string Seconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.######} s");
}
