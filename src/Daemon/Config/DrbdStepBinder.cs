using Failover.Actions.Steps;

namespace Failover.Daemon.Config;

/// <summary>Binds <c>- drbd: { resource: r0, role: primary, command: /sbin/drbdadm }</c> and its timeout.</summary>
internal static class DrbdStepBinder
{
    public const string Kind = "drbd";

    public static readonly string[] Keys = [Kind, StepTimeout.Key];

    private static readonly string[] InnerKeys = ["resource", "role", "command"];

    public static DrbdStep? Bind(KeyedMapping step, ValueReader read)
    {
        var timeout = StepTimeout.Read(step, DrbdStep.DefaultTimeout, read);
        var map = KeyedMapping.Open(step.Required(Kind)!, "in drbd", InnerKeys,
            "drbd must be a mapping, e.g. drbd: { resource: r0, role: primary }", read.Errors);
        if (map is null)
            return null;
        var resource = map.Required("resource") is { } r
            ? read.Text(r, "drbd resource must be a resource name such as r0", StepWords.IsName)
            : null;
        var role = map.Required("role") is { } o
            ? read.Text(o, "drbd role must be primary or secondary", v => v is "primary" or "secondary")
            : null;
        var command = map.Optional("command") is { } c
            ? read.AbsolutePath(c, "drbd command must be the absolute path of drbdadm")
            : DrbdStep.DefaultCommand;
        return resource is null || role is null || command is null || timeout is null
            ? null
            : new DrbdStep(resource, role == "primary" ? DrbdTargetRole.Primary : DrbdTargetRole.Secondary, command, timeout.Value);
    }
}
