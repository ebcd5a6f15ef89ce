using Failover.Carp.StateMachine;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>The group's side of the node modes: standby (a blocker), maintenance (the machine frozen), a kept preference.</summary>
public sealed partial class GroupRuntime
{
    /// <summary>The eligibility source of node standby.</summary>
    public const string StandbyBlocker = "standby";

    private bool _standby;

    /// <summary>Node standby: <paramref name="reason"/> keeps this node out of MASTER (a master bows out); null lifts it.</summary>
    public void SetStandby(string? reason)
    {
        lock (_gate)
        {
            _standby = reason is not null;
            SetBlockerLocked(StandbyBlocker, reason);
            FactsChanged?.Invoke();
        }
    }

    /// <summary>
    /// Maintenance: freezes the CARP state (a master keeps advertising, a backup keeps listening, no transition and so
    /// no chain; what would have happened is logged). Off: the machine catches up (<see cref="CarpStateMachine.SetFrozen"/>).
    /// </summary>
    public void SetMaintenance(bool on)
    {
        lock (_gate)
        {
            if (_stopped)
                return;
            Carry(_machine.SetFrozen(Now, on));
            FactsChanged?.Invoke();
        }
    }

    /// <summary>The group is frozen (maintenance).</summary>
    public bool InMaintenance
    {
        get
        {
            lock (_gate)
                return _machine.IsFrozen;
        }
    }

    /// <summary>Before the group begins: the release / takeover the state file kept across a restart.</summary>
    internal void RestorePreference(AdminPreference preference)
    {
        lock (_gate)
            _machine.RestorePreference(preference);
    }

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "group {Group}: maintenance: would have gone {To} ({Reason}); nothing done")]
    private partial void TransitionWithheld(string group, string to, string reason);
}
