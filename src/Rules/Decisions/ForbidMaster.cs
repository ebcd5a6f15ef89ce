namespace Failover.Rules.Decisions;

/// <summary><c>forbid_master</c>: don't become MASTER while the rule holds (a MASTER stays one).</summary>
public sealed record ForbidMaster : Decision
{
    public const string Key = "forbid_master";

    public override bool IsAction => false;

    internal override int Rank => 1;

    public override string ToString() => Key;
}
