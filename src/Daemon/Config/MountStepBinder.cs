using Failover.Actions.Steps;

namespace Failover.Daemon.Config;

/// <summary>Binds <c>- mount: { device, path, fstype, options }</c> and <c>- umount: { path }</c>, each with its timeout.</summary>
internal static class MountStepBinder
{
    public const string Kind = "mount";
    public const string UmountKind = "umount";

    public static readonly string[] Keys = [Kind, StepTimeout.Key];
    public static readonly string[] UmountKeys = [UmountKind, StepTimeout.Key];

    private static readonly string[] MountKeys = ["device", "path", "fstype", "options"];
    private static readonly string[] PathKey = ["path"];

    public static MountStep? Bind(KeyedMapping step, ValueReader read)
    {
        var timeout = StepTimeout.Read(step, MountStep.DefaultTimeout, read);
        var map = KeyedMapping.Open(step.Required(Kind)!, "in mount", MountKeys,
            "mount must be a mapping, e.g. mount: { device: /dev/drbd0, path: /srv, fstype: ext4 }", read.Errors);
        if (map is null)
            return null;
        var device = map.Required("device") is { } d
            ? read.Text(d, "mount device must be a device such as /dev/drbd0 (or UUID=…, LABEL=…)", StepWords.IsName)
            : null;
        var path = map.Required("path") is { } p ? read.AbsolutePath(p, "mount path must be an absolute path") : null;
        var fstype = map.Optional("fstype") is { } f ? read.Text(f, "mount fstype must be a file system type such as ext4", StepWords.IsName) : null;
        var options = map.Optional("options") is { } o
            ? read.Text(o, "mount options must be mount's -o list, e.g. noatime,nodev", StepWords.IsName)
            : null;
        var wrong = (map.Optional("fstype") is not null && fstype is null) || (map.Optional("options") is not null && options is null);
        return device is null || path is null || timeout is null || wrong
            ? null
            : new MountStep(device, path, fstype, options, timeout.Value);
    }

    public static UmountStep? BindUmount(KeyedMapping step, ValueReader read)
    {
        var timeout = StepTimeout.Read(step, UmountStep.DefaultTimeout, read);
        var map = KeyedMapping.Open(step.Required(UmountKind)!, "in umount", PathKey,
            "umount must be a mapping, e.g. umount: { path: /srv }", read.Errors);
        var path = map?.Required("path") is { } p ? read.AbsolutePath(p, "umount path must be an absolute path") : null;
        return path is null || timeout is null ? null : new UmountStep(path, timeout.Value);
    }
}
