namespace Failover.Monitors.Health;

/// <summary>Where a <see cref="HealthPolicy"/> stands: the settled health and the current streak.</summary>
/// <param name="Health">The settled health.</param>
/// <param name="ConsecutiveSuccesses">Healthy results in a row (0 after a failure).</param>
/// <param name="ConsecutiveFailures">Failed results in a row (0 after a success).</param>
public readonly record struct HealthStatus(ServiceHealth Health, int ConsecutiveSuccesses, int ConsecutiveFailures);
