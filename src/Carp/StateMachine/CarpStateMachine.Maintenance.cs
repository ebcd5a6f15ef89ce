namespace Failover.Carp.StateMachine;

/// <summary>
/// Maintenance: the machine keeps its state while an admin works by hand. A frozen master keeps advertising (so the
/// peer stays backup) and a frozen backup keeps listening, but no transition happens: each one it would have made is
/// returned as <see cref="TransitionWithheld"/> instead. At thaw it catches up from what holds then.
/// </summary>
public sealed partial class CarpStateMachine
{
    private string? _withheldTakeover;
    private bool _withheldRelease;
    private string? _lastWithheld;

    /// <summary>True while frozen (<see cref="SetFrozen"/>): the state changes only at <see cref="Start"/> and
    /// <see cref="Shutdown"/> (a stopping daemon cannot keep advertising, so a master still bows out).</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>
    /// Freezes or thaws the state. At thaw: a master that lost its link, is not eligible or was released during the freeze steps down
    /// now (bow-out advert, then on_backup); a backup that would have taken over during the freeze (master-down, a
    /// master bowing out, preemption, admin takeover) and has heard no master since takes over now; any other backup
    /// (re)arms its master-down timer. A preferred master heard during the freeze is obeyed at its next advert.
    /// </summary>
    public CarpDecision SetFrozen(TimeSpan now, bool frozen)
    {
        if (IsStopped || frozen == IsFrozen)
        {
            return CarpDecision.None;
        }

        IsFrozen = frozen;
        _lastWithheld = null;
        var withheldTakeover = _withheldTakeover;
        var withheldRelease = _withheldRelease && Preference == AdminPreference.StayBackup;
        _withheldTakeover = null;
        _withheldRelease = false;
        if (frozen)
        {
            return CarpDecision.None;
        }

        switch (State)
        {
            case CarpState.Master when !IsLinkUp:
                SetState(CarpState.Backup, now, "link down");
                _deadline = null;
                _advertsUntilDelayedArp = 0;
                return new([new BecomeBackup("link down", RunHooks: true)]);
            // Released before the freeze yet master (no master was heard): that stands; released during it: bow out now.
            case CarpState.Master when !IsEligible || withheldRelease:
                var why = IsEligible ? "released by admin" : $"not eligible: {IneligibleReason}";
                EnterBackup(now, why);
                return new([new SendAdvertisement(CarpTiming.BowOut), new BecomeBackup(why, RunHooks: true)]);
            case CarpState.Backup when MayTakeOver && withheldTakeover is not null:
                return TakeOver(now, $"{withheldTakeover} (withheld during maintenance)");
            case CarpState.Backup when MayTakeOver && _deadline is null:
                _deadline = now + _settings.DeadInterval;
                return CarpDecision.None;
            default:
                return CarpDecision.None;
        }
    }

    /// <summary>What a frozen machine returns instead of a transition; the same one only once per freeze.</summary>
    private CarpDecision Withhold(CarpState to, string reason)
    {
        var key = $"{to}: {reason}";
        if (key == _lastWithheld)
        {
            return CarpDecision.None;
        }
        _lastWithheld = key;
        return new([new TransitionWithheld(to, reason)]);
    }
}
