using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary><c>mount [-t FSTYPE] [-o OPTIONS] DEVICE PATH</c>, skipped when DEVICE is already mounted there.</summary>
public sealed record MountStep(string Device, string Path, string? FsType, string? Options, TimeSpan Timeout) : ChainStep(Timeout)
{
    /// <summary>A journal replay after a crash can take a while on a big file system.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(60);

    public override string Describe() => $"mount {Device} on {Path}";

    public override ChainStep? Undo() => new UmountStep(Path, Timeout);
}
