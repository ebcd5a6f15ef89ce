namespace Failover.Rules.Decisions;

/// <summary><c>demote</c>: leave MASTER (hand the VIPs to the peer), and don't become MASTER while the rule holds.</summary>
public sealed record Demote : Decision
{
    public const string Key = "demote";

    public override bool IsAction => false;

    internal override int Rank => 0;

    public override string ToString() => Key;
}
