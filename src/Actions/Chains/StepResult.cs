namespace Failover.Actions.Chains;

/// <summary>How one step went.</summary>
/// <param name="Number">The step's place in its chain, from 1; for an undo, the number of the step it undoes.</param>
/// <param name="Step">The step as <see cref="ChainStep.Describe"/> names it.</param>
/// <param name="Output">Its stdout and stderr, capped; empty for steps that run no program.</param>
public sealed record StepResult(int Number, string Step, StepStatus Status, TimeSpan Duration, string Detail, string Output)
{
    public bool Succeeded => Status == StepStatus.Ok;

    public bool Ran => Status != StepStatus.Skipped;
}
