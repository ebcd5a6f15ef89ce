namespace Failover.Lab.Tests.Harness;

/// <summary>Waiting on conditions the lab can only observe by looking again (addresses, link state).</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns once <paramref name="condition"/> holds; throws TimeoutException naming <paramref name="what"/>.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Whether <paramref name="condition"/> holds at every look for the whole <paramref name="duration"/>.</summary>
    public static async Task<bool> Throughout(Func<bool> condition, TimeSpan duration)
    {
        var end = DateTimeOffset.UtcNow + duration;
        do
        {
            if (!condition())
            {
                return false;
            }

            await Task.Delay(Interval);
        }
        while (DateTimeOffset.UtcNow < end);

        return condition();
    }
}
