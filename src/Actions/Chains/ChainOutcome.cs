namespace Failover.Actions.Chains;

public enum ChainOutcome
{
    /// <summary>Every step succeeded.</summary>
    Succeeded,

    /// <summary>on_backup: every step ran, some failed.</summary>
    PartlyFailed,

    /// <summary>on_master: a step failed; it and the steps before it were undone in reverse order.</summary>
    RolledBack,

    /// <summary>on_master: an on_backup was queued, so the chain stopped after the step it was running; or a step
    /// found its state already passed (<see cref="StepStatus.Superseded"/>). Nothing is undone: the newer chain follows.</summary>
    Cut,
}
