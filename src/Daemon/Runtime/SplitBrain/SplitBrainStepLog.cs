using Failover.Actions.SplitBrain;

namespace Failover.Daemon.Runtime;

/// <summary>One command of a recovery as it ran: how long, how it ended, what it printed (capped).</summary>
public sealed record SplitBrainStepLog(SplitBrainCommand Command, bool Ok, TimeSpan Took, string Detail, string Output)
{
    public override string ToString() =>
        $"on {Command.Node}: {Command}: {(Ok ? "ok" : "FAILED")} in {Took.TotalMilliseconds:0} ms: {Detail}";
}
