namespace Failover.Daemon.Control;

/// <summary>Who is on the other end of a control connection, from the kernel (SO_PEERCRED), not from the client.</summary>
public sealed record ControlCaller(int Pid, int Uid, int Gid, string UserName, IReadOnlyList<int> Groups)
{
    public override string ToString() => $"{UserName} (uid {Uid}, pid {Pid})";
}
