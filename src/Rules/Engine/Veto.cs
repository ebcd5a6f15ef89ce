namespace Failover.Rules.Engine;

/// <summary>One reason this node may not be MASTER.</summary>
/// <param name="Source">"rule NAME", "safety" or "hold-down".</param>
/// <param name="Reason">What an admin reads: "r0 disk is Inconsistent", the rule's condition…</param>
public sealed record Veto(VetoKind Kind, string Source, string Reason)
{
    public override string ToString() => $"{Source}: {Reason}";
}
