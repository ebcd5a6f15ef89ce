namespace Failover.Rules.Decisions;

/// <summary><c>split_brain_recovery: r0</c>: start the split-brain recovery of a DRBD resource.</summary>
public sealed record SplitBrainRecovery(string Resource) : Decision
{
    public const string Key = "split_brain_recovery";

    public override bool IsAction => true;

    internal override int Rank => 3;

    public override string ToString() => $"{Key}: {Resource}";
}
