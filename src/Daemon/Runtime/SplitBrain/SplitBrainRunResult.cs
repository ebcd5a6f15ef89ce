using Failover.Actions.SplitBrain;

namespace Failover.Daemon.Runtime;

/// <summary>How a recovery ran: every step that ran (a failed one is the last), and when.</summary>
public sealed record SplitBrainRunResult(SplitBrainPlan Plan, bool Ok, IReadOnlyList<SplitBrainStepLog> Steps, DateTimeOffset Started, DateTimeOffset Ended)
{
    public string Summary => Ok
        ? $"{Plan.Resource}: all {Steps.Count} commands ran; {Plan.Victim} resyncs from {Plan.Survivor}"
        : $"{Plan.Resource}: stopped at '{Steps[^1].Command}' on {Steps[^1].Command.Node}: {Steps[^1].Detail}; "
          + $"{Plan.Commands.Count() - Steps.Count} commands not run";
}
