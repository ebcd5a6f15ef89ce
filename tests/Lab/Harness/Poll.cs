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

    /// <summary>
    /// Returns once <paramref name="condition"/> has held at every look for <paramref name="steadyFor"/>
    /// on end; throws TimeoutException naming <paramref name="what"/> if that does not happen in time.
    /// </summary>
    public static async Task UntilSteady(Func<bool> condition, TimeSpan steadyFor, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        DateTimeOffset? since = null;
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            since = condition() ? since ?? now : null;
            if (since is { } start && now - start >= steadyFor)
            {
                return;
            }

            if (now >= deadline)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds:0.#} s: {what}, steadily for {steadyFor.TotalSeconds:0.#} s");
            }

            await Task.Delay(Interval);
        }
    }
}
