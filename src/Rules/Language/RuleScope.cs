namespace Failover.Rules.Language;

/// <summary>The names a group's conditions may use: its probes (monitor names) and its DRBD resources
/// (<see cref="Facts.DrbdFactNames"/>). Written exactly as configured: these names are case-sensitive.</summary>
public sealed record RuleScope(IReadOnlyCollection<string> Probes, IReadOnlyCollection<string> DrbdResources)
{
    public static RuleScope Empty { get; } = new([], []);

    public bool HasProbe(string name) => Probes.Contains(name);

    /// <summary>A configured resource, or one of its volumes ("r0/1" when "r0" is configured).</summary>
    public bool HasDrbd(string name) =>
        DrbdResources.Contains(name) || name.IndexOf('/') is > 0 and var slash && DrbdResources.Contains(name[..slash]);
}
