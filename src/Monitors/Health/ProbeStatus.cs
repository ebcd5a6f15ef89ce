namespace Failover.Monitors.Health;

/// <summary>A consistent snapshot of one <see cref="ProbeRunner"/>, for status output and the rules.</summary>
/// <param name="Name">The probe's name.</param>
/// <param name="Health">The settled health.</param>
/// <param name="ConsecutiveSuccesses">Healthy results in a row.</param>
/// <param name="ConsecutiveFailures">Failed results in a row.</param>
/// <param name="LastResult">The last result fed into the health policy; null before the first.</param>
/// <param name="LastResultAt">When <paramref name="LastResult"/> was recorded.</param>
/// <param name="LastTransition">The last change of settled health; null if there was none.</param>
/// <param name="LastTransitionAt">When <paramref name="LastTransition"/> happened.</param>
/// <param name="RunInFlight">A run has started and its probe has not returned (it may be past its deadline).</param>
/// <param name="Stuck">The run in flight missed its deadline and was abandoned; no new run starts until it returns.</param>
/// <param name="SkippedTicks">Ticks that found a run still within its deadline and so started nothing.</param>
public sealed record ProbeStatus(
    string Name,
    ServiceHealth Health,
    int ConsecutiveSuccesses,
    int ConsecutiveFailures,
    ProbeResult? LastResult,
    DateTimeOffset? LastResultAt,
    HealthTransition? LastTransition,
    DateTimeOffset? LastTransitionAt,
    bool RunInFlight,
    bool Stuck,
    long SkippedTicks);
