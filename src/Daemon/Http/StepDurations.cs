namespace Failover.Daemon.Http;

/// <summary>
/// The durations of one chain step with one result, as a histogram over <see cref="StepDurations.UpperBounds"/>:
/// <paramref name="Buckets"/>[i] counts the durations up to UpperBounds[i] seconds and above the bound before
/// (not cumulative; the renderer sums them), the last entry those above every bound.
/// </summary>
public sealed record StepDurations(string Group, string Chain, string Step, string Result,
    IReadOnlyList<long> Buckets, double SumSeconds, long Count)
{
    /// <summary>From a VIP added in milliseconds to a service start or DRBD promotion that takes minutes.</summary>
    public static IReadOnlyList<double> UpperBounds { get; } = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
}
