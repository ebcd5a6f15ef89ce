namespace Failover.Mail.Spool;

/// <summary>Exponential backoff after consecutive failed attempts: first, 2×first, 4×first … up to a cap.</summary>
public sealed record RetryBackoff(TimeSpan First, TimeSpan Cap)
{
    public static RetryBackoff Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10));

    /// <summary>How long to wait after the <paramref name="failures"/>-th failure in a row (1-based).</summary>
    public TimeSpan After(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var delay = First;
        for (var i = 1; i < failures && delay < Cap; i++)
        {
            delay += delay;
        }
        return delay < Cap ? delay : Cap;
    }
}
