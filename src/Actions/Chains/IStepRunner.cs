namespace Failover.Actions.Chains;

/// <summary>Does one step: the only place a chain touches the system.</summary>
public interface IStepRunner
{
    /// <summary>Runs <paramref name="step"/>; when <paramref name="deadline"/> fires (the step's timeout),
    /// stops it (a process tree is killed) and throws <see cref="OperationCanceledException"/>.</summary>
    Task<StepOutcome> RunAsync(ChainStep step, CancellationToken deadline);
}
