namespace Failover.Actions.SplitBrain;

/// <summary>One command of a plan, on the node that runs it: an argv, never a shell line.</summary>
public sealed record SplitBrainCommand(string Node, IReadOnlyList<string> Argv, TimeSpan Timeout)
{
    public override string ToString() => string.Join(' ', Argv);
}
