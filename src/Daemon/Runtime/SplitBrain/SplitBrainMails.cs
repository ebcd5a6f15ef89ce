using Failover.Actions.SplitBrain;
using Failover.Daemon.Alerts;

namespace Failover.Daemon.Runtime;

/// <summary>The recovery's mails: the plan before anything runs, a failure, the end of the resync.</summary>
internal static class SplitBrainMails
{
    public static Alert Plan(string group, string node, SplitBrainPlan plan, string trigger) => new(
        Kind(group, plan.Resource),
        $"{group}: split brain on {plan.Resource}: discarding the data of {plan.Victim} ({node})",
        $"""
        The DRBD split brain on {plan.Resource} is being resolved by {node} ({trigger}).
        The changes made on {plan.Victim} since the split are DISCARDED; {plan.Survivor}'s data is kept.
        Why {plan.Victim}: {plan.Reason}.

        Commands, in this order (the first failure stops the rest):
        {string.Join('\n', plan.Commands.Select(c => $"  on {c.Node}: {c}")
            .Concat(plan.AfterResync.Select(c => $"  after the resync, on {c.Node}: {c}")))}

        After them {plan.Victim} resyncs from {plan.Survivor}; {plan.Victim} may not become MASTER until its disk is
        UpToDate again. A mail follows when the resync is done, or if a command fails.
        """);

    public static Alert Failed(string group, string node, SplitBrainRunResult result) => new(
        Kind(group, result.Plan.Resource),
        $"{group}: split-brain recovery of {result.Plan.Resource} FAILED on {result.Steps[^1].Command.Node} ({node})",
        $"""
        The recovery of {result.Plan.Resource} (discarding {result.Plan.Victim}'s data) stopped: {result.Summary}.

        Steps that ran:
        {string.Join('\n', result.Steps.Select(s => "  " + s))}

        Output of the failed command:
        {Indent(result.Steps[^1].Output)}

        Nothing more runs by itself for this split brain. Look at both nodes, then finish by hand (docs/rules.md,
        "Split brain") or run failoverctl splitbrain resolve {group} --discard NODE again.
        """);

    public static Alert Resynced(string group, string node, SplitBrainPlan plan, string local) => new(
        Kind(group, plan.Resource),
        $"{group}: {plan.Resource} resynced after the split brain: both disks UpToDate ({node})",
        $"""
        {plan.Resource} is Connected and UpToDate on both nodes again ({local}).
        {plan.Victim}'s changes since the split were discarded; {plan.Survivor}'s data was kept ({plan.Reason}).
        The group may become MASTER again on either node as its rules allow.
        """);

    private static string Kind(string group, string resource) => $"splitbrain-recovery:{group}/{resource}";

    private static string Indent(string text) => text.Length == 0 ? "  (none)" : string.Join('\n', text.Split('\n').Select(l => "  " + l));
}
