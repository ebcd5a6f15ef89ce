namespace Failover.Monitors.Health;

/// <summary>A change of settled health, with the reason an admin reads.</summary>
public sealed record HealthTransition(Health From, Health To, string Reason)
{
    public override string ToString() => $"{From} -> {To}: {Reason}";
}
