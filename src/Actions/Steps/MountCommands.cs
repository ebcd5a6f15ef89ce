namespace Failover.Actions.Steps;

/// <summary>Where the mount steps find mount(8), umount(8) and the mount table; tests substitute their own.</summary>
public sealed record MountCommands(string Mount, string Umount, string Table)
{
    public static MountCommands System { get; } = new("/bin/mount", "/bin/umount", MountInfo.SelfPath);
}
