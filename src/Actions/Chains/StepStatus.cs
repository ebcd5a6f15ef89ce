namespace Failover.Actions.Chains;

public enum StepStatus
{
    Ok,
    Failed,

    /// <summary>Stopped at its timeout (a process tree killed): its effect is unknown.</summary>
    TimedOut,

    /// <summary>Not run: an earlier step of an on_master chain failed, or the chain was cut.</summary>
    Skipped,

    /// <summary>Not done: the state it was for has passed (see <see cref="StepOutcome.IsSuperseded"/>); the chain
    /// stops there, as a cut one does, and is not a failure.</summary>
    Superseded,
}
