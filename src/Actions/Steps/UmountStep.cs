using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary><c>umount PATH</c>, skipped when nothing is mounted there.</summary>
public sealed record UmountStep(string Path, TimeSpan Timeout) : ChainStep(Timeout)
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(60);

    public override string Describe() => $"umount {Path}";
}
