using System.ComponentModel;
using System.Text;
using Failover.Linux.Processes;
using Failover.Remote;

namespace Failover.Lab.Tests.PeerHost;

/// <summary>
/// TEST ONLY, until the SSH runner is merged: runs the "peer" commands of a split-brain recovery in the peer's lab
/// network namespace with <c>ip netns exec</c> instead of over ssh. Same contract as ssh's (argv, a timeout that
/// kills the tree, captured output, never throws).
/// </summary>
internal sealed class NamespacePeerRunner(string peerNamespace, string target) : IRemoteRunner
{
    public string Target => target;

    public async Task<RemoteResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var output = await BoundedCommand.RunAsync(["/usr/sbin/ip", "netns", "exec", peerNamespace, .. argv], null, timeout, 8192,
                TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return new RemoteResult(output.TimedOut ? -1 : output.ExitCode, Encoding.UTF8.GetString(output.Stdout),
                Encoding.UTF8.GetString(output.Stderr), output.TimedOut, TimeProvider.System.GetElapsedTime(started));
        }
        catch (Win32Exception e)
        {
            return new RemoteResult(255, "", e.Message, false, TimeProvider.System.GetElapsedTime(started));
        }
    }
}
