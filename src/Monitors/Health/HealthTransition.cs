namespace Failover.Monitors.Health;

/// <summary>A change of settled health, with the reason an admin reads.</summary>
public sealed record HealthTransition(ServiceHealth From, ServiceHealth To, string Reason)
{
    public override string ToString() => $"{From} -> {To}: {Reason}";
}
