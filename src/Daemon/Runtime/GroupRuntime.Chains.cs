using Failover.Rules.Language;
using Failover.Actions.Chains;
using Failover.Actions.Steps;
using Failover.Carp;
using Failover.Daemon.Config;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>The group's side of its chains: the vip step's VIP moves, and the hold after a failed on_master.</summary>
public sealed partial class GroupRuntime
{
    /// <summary>The vip step of on_master: adds the VIPs and announces them, if still master.</summary>
    StepOutcome IGroupVips.Add()
    {
        lock (_gate)
        {
            // A later transition won the race with this step: its chain follows, and this is nobody's failure.
            if (_stopped || _machine.State != CarpState.Master)
                return StepOutcome.Superseded("the group is no longer master");
            var errors = new List<string>();
            foreach (var vip in _config.Vips)
            {
                try
                {
                    _network.AddVip(vip);
                }
                catch (IOException e)
                {
                    errors.Add(e.Message);
                }
            }
            if (errors.Count > 0)
                return StepOutcome.Failed(string.Join("; ", errors)); // the rollback removes those that were added
            _vipsHeld = true;
            StartGarpRounds();
            return StepOutcome.Ok($"added {VipList}");
        }
    }

    /// <summary>The vip step of on_backup (and the undo of on_master's): removes the VIPs.</summary>
    StepOutcome IGroupVips.Remove()
    {
        lock (_gate)
            return RemoveVips();
    }

    private StepOutcome RemoveVips()
    {
        _vipsHeld = false;
        _garpRounds.Clear();
        ArmGarpTimer();
        var errors = new List<string>();
        foreach (var vip in _config.Vips)
        {
            try
            {
                _network.RemoveVip(vip);
            }
            catch (IOException e)
            {
                errors.Add(e.Message);
            }
        }
        return errors.Count > 0 ? StepOutcome.Failed(string.Join("; ", errors)) : StepOutcome.Ok($"removed {VipList}");
    }

    private string VipList => string.Join(", ", _config.Vips);

    /// <summary>One round now; the rest of the burst, and a second burst a few seconds later for
    /// switches and hosts that missed the first, on the GARP timer.</summary>
    private void StartGarpRounds()
    {
        _garpRounds.Clear();
        SendGarpRound();
        var now = Now;
        for (int i = 1; i < _config.Garp.Count; i++)
            _garpRounds.Enqueue(now + _config.Garp.Interval * i);
        if (_config.Garp.RepeatAfter > TimeSpan.Zero)
        {
            for (int i = 0; i < _config.Garp.Count; i++)
                _garpRounds.Enqueue(now + _config.Garp.RepeatAfter + _config.Garp.Interval * i);
        }
        ArmGarpTimer();
    }

    /// <summary>On the chain runner's task after each chain: a failed on_master keeps this node out of the election for a while.</summary>
    private void OnChainFinished(ChainResult result)
    {
        lock (_gate)
        {
            if (_stopped)
                return;
            if (result.Kind == ChainKind.VipUp)
                NoteVipUpResult(result);
            FactsChanged?.Invoke();
            if (result is not { Kind: ChainKind.VipUp, Outcome: ChainOutcome.RolledBack })
                return;
            var reason = result.Summary();
            _hold = new ChainHold(reason, _time.GetUtcNow() + _config.ChainHoldDown);
            _holdTimer.Change(_config.ChainHoldDown, Timeout.InfiniteTimeSpan);
            HoldStarted(_config.Name, DurationLiteral.Format(_config.ChainHoldDown), reason);
            SetBlockerLocked(ChainBlocker, reason);
        }
    }

    /// <summary>The rules' vip_up_failed: the vip-up chain of the current master term failed (a result that comes
    /// after the term ended is not this term's).</summary>
    private void NoteVipUpResult(ChainResult result)
    {
        if (result.Outcome == ChainOutcome.Succeeded)
            _vipUpFailedAt = null;
        else if (result.Outcome == ChainOutcome.RolledBack && _machine.State == CarpState.Master)
            _vipUpFailedAt = _time.GetUtcNow();
    }

    private void OnHoldOver()
    {
        lock (_gate)
        {
            if (!_stopped && _hold is not null)
                EndHold($"after {DurationLiteral.Format(_config.ChainHoldDown)}");
        }
    }

    private void EndHold(string how)
    {
        _hold = null;
        _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        HoldEnded(_config.Name, how);
        SetBlockerLocked(ChainBlocker, null);
    }

    private void SetBlockerLocked(string source, string? reason)
    {
        if (!_stopped && _eligibility.Set(source, reason))
            Carry(_machine.SetEligible(Now, _eligibility.IsEligible, _eligibility.Reason));
    }

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "group {Group}: not eligible to be master for {HoldDown} (or until failoverctl clear): {Reason}")]
    private partial void HoldStarted(string group, string holdDown, string reason);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "group {Group}: hold after the failed on_master ended ({How})")]
    private partial void HoldEnded(string group, string how);
}
