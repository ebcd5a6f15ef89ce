namespace Failover.Actions.Chains;

/// <summary>How a chain went, step by step: for the log, status, and later the mail.</summary>
/// <param name="Steps">Every step of the chain, skipped ones included.</param>
/// <param name="Undone">For <see cref="ChainOutcome.RolledBack"/>: the undo steps run, in the order they ran.</param>
public sealed record ChainResult(
    ChainKind Kind,
    string Reason,
    ChainOutcome Outcome,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    IReadOnlyList<StepResult> Steps,
    IReadOnlyList<StepResult> Undone)
{
    public string Name => Chain.NameOf(Kind);

    public IEnumerable<StepResult> Failures => Steps.Where(s => s.Status is StepStatus.Failed or StepStatus.TimedOut);

    /// <summary>One line: "on_master rolled back: step 3 (service smbd start) failed: exit 1".</summary>
    public string Summary() => Outcome switch
    {
        ChainOutcome.Succeeded => $"{Name} succeeded",
        ChainOutcome.Cut when Steps.FirstOrDefault(s => s.Status == StepStatus.Superseded) is { } s =>
            $"{Name} cut at step {s.Number} of {Steps.Count} ({s.Step}): superseded: {s.Detail}",
        ChainOutcome.Cut => $"{Name} cut after step {Steps.Count(s => s.Ran)} of {Steps.Count}",
        ChainOutcome.RolledBack => $"{Name} rolled back: {Describe(Failures.First())}",
        _ => $"{Name} partly failed: {string.Join("; ", Failures.Select(Describe))}",
    };

    public static string Describe(StepResult step) =>
        $"step {step.Number} ({step.Step}) {(step.Status == StepStatus.TimedOut ? "timed out" : "failed")}: {step.Detail}";
}
