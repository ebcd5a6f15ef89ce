namespace Failover.Actions.Steps;

/// <summary>One line of /proc/self/mountinfo, as far as the mount steps care.</summary>
/// <param name="Source">The mount source: a device path, or a name such as "tmpfs".</param>
public sealed record MountEntry(string MountPoint, string FsType, string Source);
