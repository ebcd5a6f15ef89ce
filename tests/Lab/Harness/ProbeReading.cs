using System.Text.Json;

namespace Failover.Lab.Tests.Harness;

/// <summary>One probe as <c>failoverctl status --json</c> shows it.</summary>
public sealed record ProbeReading(string Name, string Kind, string Health, string? Reason, int Successes, int Failures)
{
    /// <summary>Asks the node's failoverd now; throws if its first group has no such probe.</summary>
    public static ProbeReading Of(FailoverdNode node, string probe)
    {
        using var status = node.Status();
        return From(status.RootElement, probe);
    }

    /// <summary>
    /// Asks every half second until <paramref name="condition"/> holds, and returns that reading. Slower
    /// than <see cref="Poll"/>: each look starts a failoverctl process, which costs a 2-core machine.
    /// </summary>
    public static async Task<ProbeReading> WaitUntil(
        FailoverdNode node, string probe, Func<ProbeReading, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var reading = Of(node, probe);
            if (condition(reading))
            {
                return reading;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds:0.#} s: {what}; last seen {reading}");
            }

            await Task.Delay(500);
        }
    }

    public static ProbeReading From(JsonElement status, string probe)
    {
        var found = status.GetProperty("groups")[0].GetProperty("probes").EnumerateArray()
            .FirstOrDefault(p => p.GetProperty("name").GetString() == probe);
        if (found.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"no probe '{probe}' in status: {status}");
        }

        return new ProbeReading(
            probe,
            found.GetProperty("kind").GetString()!,
            found.GetProperty("health").GetString()!,
            found.GetProperty("reason").GetString(),
            found.GetProperty("successes").GetInt32(),
            found.GetProperty("failures").GetInt32());
    }
}
