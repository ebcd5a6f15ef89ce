namespace Failover.Monitors.Health;

/// <summary>What one result did to a <see cref="HealthPolicy"/>: the new status and, if the settled
/// health changed, the transition.</summary>
public readonly record struct HealthStep(HealthStatus Status, HealthTransition? Transition);
