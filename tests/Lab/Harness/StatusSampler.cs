using System.Diagnostics;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// Asks failoverd for a probe's reading every half second, timing each <c>failoverctl status</c>, until
/// something else has happened: shows whether the daemon stays responsive while a probe waits on a hung
/// server, and what the probe looked like meanwhile.
/// </summary>
public static class StatusSampler
{
    public static async Task<IReadOnlyList<TimedReading>> Until(Task done, FailoverdNode node, string probe)
    {
        var samples = new List<TimedReading>();
        while (!done.IsCompleted)
        {
            samples.Add(Sample(node, probe));
            await Task.WhenAny(done, Task.Delay(500));
        }

        await done; // its failure, if any, is the test's
        return samples;
    }

    public static TimedReading Sample(FailoverdNode node, string probe)
    {
        var at = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var reading = ProbeReading.Of(node, probe);
        return new TimedReading(at, clock.Elapsed, reading);
    }
}
