using System.ComponentModel;
using System.Text;
using Failover.Linux.Processes;
using Failover.Remote;

namespace Failover.Daemon.Runtime;

/// <summary>This node's commands through <see cref="BoundedCommand"/>: argv, a deadline that kills the tree, capped output.</summary>
public sealed class BoundedLocalCommands(TimeProvider time) : ILocalCommands
{
    private const int OutputCap = 8192;

    public async Task<RemoteResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var output = await BoundedCommand.RunAsync(argv, null, timeout, OutputCap, time, cancellationToken).ConfigureAwait(false);
            return new RemoteResult(output.TimedOut ? -1 : output.ExitCode, Encoding.UTF8.GetString(output.Stdout),
                Encoding.UTF8.GetString(output.Stderr), output.TimedOut, time.GetElapsedTime(started));
        }
        catch (Win32Exception e)
        {
            return new RemoteResult(127, "", $"cannot run {argv[0]}: {e.Message}", false, time.GetElapsedTime(started));
        }
    }
}
