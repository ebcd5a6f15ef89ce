using System.Text.Json;

namespace Failover.Lab.Tests.Harness;

/// <summary>One probe as <c>failoverctl status --json</c> shows it: settled health, last result's reason,
/// and the current streak of successes or failures.</summary>
public sealed record ProbeSnapshot(string Name, string Kind, string Health, string? Reason, int Successes, int Failures)
{
    /// <summary>The probe <paramref name="name"/> of the daemon's first group.</summary>
    public static ProbeSnapshot Of(FailoverdNode node, string name)
    {
        using var status = node.Status();
        var probes = status.RootElement.GetProperty("groups")[0].GetProperty("probes").EnumerateArray();
        var probe = probes.FirstOrDefault(p => p.GetProperty("name").GetString() == name);
        if (probe.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"failoverctl status shows no probe {name}");
        return new ProbeSnapshot(name, probe.GetProperty("kind").GetString()!, probe.GetProperty("health").GetString()!,
            probe.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
            probe.GetProperty("successes").GetInt32(), probe.GetProperty("failures").GetInt32());
    }
}
