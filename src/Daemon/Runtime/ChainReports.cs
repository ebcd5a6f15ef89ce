using Failover.Actions.Chains;
using Failover.Control;

namespace Failover.Daemon.Runtime;

/// <summary>Chain results and holds as the control protocol reports them.</summary>
internal static class ChainReports
{
    public static ChainReport From(ChainResult result) => new(
        result.Name, Word(result.Outcome.ToString()), result.Summary(), result.Reason, result.StartedAt,
        result.Duration.TotalMilliseconds, result.Steps.Select(From).ToArray(), result.Undone.Select(From).ToArray());

    public static HoldReport From(ChainHold hold) => new(hold.Reason, hold.Until);

    private static StepReport From(StepResult step) => new(step.Number, step.Step, Word(step.Status.ToString()),
        step.Duration.TotalMilliseconds, step.Detail, step.Output.Length > 0 ? step.Output : null);

    /// <summary>RolledBack → rolled_back, as the rest of the JSON is snake_case.</summary>
    private static string Word(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
