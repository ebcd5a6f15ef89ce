namespace Failover.Actions.SplitBrain;

/// <summary>One node's view of a resource, as the planner needs it.</summary>
/// <param name="Node">The node's name (node: name).</param>
/// <param name="Reported">DRBD reported the split brain on this node (events2 helper, kernel log).</param>
/// <param name="ConnectionState">As DRBD prints it ("StandAlone", "Connecting", …).</param>
/// <param name="Primary">DRBD Primary now.</param>
/// <param name="LastPrimary">The last time this node was seen Primary (its own clock, persisted); null: never recorded.</param>
public sealed record SplitBrainSide(string Node, bool Reported, string ConnectionState, bool Primary, DateTimeOffset? LastPrimary)
{
    public bool IsStandAlone => ConnectionState == "StandAlone";
}
