namespace Failover.Actions.SplitBrain;

/// <summary>
/// A recovery to run: <see cref="Victim"/>'s changes since the split are discarded and it resyncs from
/// <see cref="Survivor"/>. The victim's commands run first, in order, then the survivor's.
/// </summary>
/// <param name="Reason">Why this victim, for the mail and the log ("n1 is the configured survivor").</param>
public sealed record SplitBrainPlan(
    string Resource,
    string Victim,
    string Survivor,
    string Reason,
    DrbdSyntax Syntax,
    IReadOnlyList<SplitBrainCommand> VictimCommands,
    IReadOnlyList<SplitBrainCommand> SurvivorCommands)
{
    public IEnumerable<SplitBrainCommand> Commands => VictimCommands.Concat(SurvivorCommands);

    /// <summary>Run once both disks are UpToDate again: a released victim's failoverctl clear, so its release
    /// does not outlive the recovery.</summary>
    public IReadOnlyList<SplitBrainCommand> AfterResync { get; init; } = [];

    /// <summary>The plan as the mail and the dry run print it: one command per line, prefixed by its node.</summary>
    public string Describe() =>
        $"{Resource}: discard the data of {Victim}, keep {Survivor}'s ({Reason})\n" +
        string.Join('\n', Commands.Select(c => $"  on {c.Node}: {c}")
            .Concat(AfterResync.Select(c => $"  after the resync, on {c.Node}: {c}")));
}
