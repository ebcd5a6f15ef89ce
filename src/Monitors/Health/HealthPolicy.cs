namespace Failover.Monitors.Health;

/// <summary>
/// Rise/fall counting, as HAProxy and keepalived do it: an Up service goes Down after <see cref="Fall"/>
/// failed results in a row, a Down service comes Up after <see cref="Rise"/> healthy results in a row; a
/// result of the other kind breaks the streak.
/// </summary>
/// <remarks>
/// The initial health decides how a fresh start settles:
/// <list type="bullet">
/// <item><see cref="ServiceHealth.Up"/>: assumed up, needs <see cref="Fall"/> failures to go down (HAProxy
/// init-state fully-up).</item>
/// <item><see cref="ServiceHealth.Down"/>: assumed down, needs <see cref="Rise"/> successes to come up
/// (HAProxy fully-down, keepalived's init_fail): the cautious choice for a backup that must not take over
/// a service it has not yet seen working.</item>
/// <item><see cref="ServiceHealth.Unknown"/> (the default): the first result settles it either way, so the rules
/// learn a fact one interval after start instead of rise × interval later; from then on rise/fall apply.
/// Rules treat Unknown as "not known", never as up.</item>
/// </list>
/// Pure: takes a status and a result, returns the next status. Counters saturate instead of wrapping.
/// </remarks>
public sealed class HealthPolicy
{
    public HealthPolicy(int rise, int fall, ServiceHealth initial = ServiceHealth.Unknown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        if (!Enum.IsDefined(initial))
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "not a health");
        }
        Rise = rise;
        Fall = fall;
        Initial = initial;
    }

    /// <summary>Healthy results in a row that bring a Down service Up.</summary>
    public int Rise { get; }

    /// <summary>Failed results in a row that take an Up service Down.</summary>
    public int Fall { get; }

    public ServiceHealth Initial { get; }

    /// <summary>The status before the first result.</summary>
    public HealthStatus Start => new(Initial, 0, 0);

    public HealthStep Apply(HealthStatus current, ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var successes = result.Healthy ? Saturating(current.ConsecutiveSuccesses) : 0;
        var failures = result.Healthy ? 0 : Saturating(current.ConsecutiveFailures);

        var next = (current.Health, result.Healthy) switch
        {
            (ServiceHealth.Unknown, true) => ServiceHealth.Up,
            (ServiceHealth.Unknown, false) => ServiceHealth.Down,
            (ServiceHealth.Down, true) when successes >= Rise => ServiceHealth.Up,
            (ServiceHealth.Up, false) when failures >= Fall => ServiceHealth.Down,
            _ => current.Health,
        };
        var status = new HealthStatus(next, successes, failures);
        if (next == current.Health)
        {
            return new HealthStep(status, null);
        }

        var streak = result.Healthy ? successes : failures;
        var reason = current.Health == ServiceHealth.Unknown || streak == 1
            ? result.Reason
            : $"{streak} {(result.Healthy ? "successes" : "failures")} in a row, last: {result.Reason}";
        return new HealthStep(status, new HealthTransition(current.Health, next, reason));
    }

    private static int Saturating(int count) => count == int.MaxValue ? count : count + 1;
}
