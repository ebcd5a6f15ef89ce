using Failover.Remote;

namespace Failover.Daemon.Runtime;

/// <summary>Runs one command on this node, reported like a remote one (<see cref="RemoteResult"/>), so a plan's
/// steps read alike wherever they ran. Tests give a fake.</summary>
public interface ILocalCommands
{
    Task<RemoteResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken);
}
