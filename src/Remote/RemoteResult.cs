namespace Failover.Remote;

/// <summary>How one remote command ended. ssh itself exits 255 when it cannot connect or authenticate.</summary>
/// <param name="ExitCode">The remote command's exit status (255 from ssh: no session); -1 when timed out.</param>
/// <param name="StdOut">Captured, bounded.</param>
/// <param name="StdErr">Captured, bounded (ssh's own errors land here).</param>
public sealed record RemoteResult(int ExitCode, string StdOut, string StdErr, bool TimedOut, TimeSpan Took)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;
}
