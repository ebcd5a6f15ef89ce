namespace Failover.Actions.Chains;

/// <summary>
/// One step of an on_master / on_backup chain, as data: what to do and how long it may take.
/// <see cref="IStepRunner"/> does it. Every step is idempotent: doing it twice is the same as once.
/// </summary>
public abstract record ChainStep(TimeSpan Timeout)
{
    /// <summary>How the log and status name the step, e.g. "service smbd start".</summary>
    public abstract string Describe();

    /// <summary>The step that undoes this one when an on_master chain rolls back; null when nothing does.</summary>
    public virtual ChainStep? Undo() => null;
}
