namespace Failover.Daemon.Control;

/// <summary>
/// Root and members of the `failover` group may use the control socket. The socket's mode already
/// keeps others out; this check holds even if someone loosens that mode.
/// </summary>
public static class ControlAuthorization
{
    public const string GroupName = "failover";

    public static bool IsAllowed(ControlCaller caller, int? failoverGid) =>
        caller.Uid == 0
        || (failoverGid is { } gid && (caller.Gid == gid || caller.Groups.Contains(gid)));
}
