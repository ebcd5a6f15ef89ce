using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Failover.Linux.Processes;

namespace Failover.Remote.Ssh;

/// <summary>
/// <see cref="IRemoteRunner"/> over the system ssh client: one ssh process per command, its output bounded, and on
/// the deadline the local ssh killed (closing the session, so sshd hangs up the remote command's terminal-less
/// session too).
/// </summary>
public sealed class SshRunner(SshSettings ssh, TimeProvider time) : IRemoteRunner
{
    /// <summary>Enough for a command's report; more is drained and dropped.</summary>
    public const int StdOutCap = 64 * 1024;

    public string Target => ssh.Target;

    public SshSettings Settings => ssh;

    public async Task<RemoteResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var argvOfSsh = SshCommandLine.Command(ssh, argv);
        var started = Stopwatch.GetTimestamp();
        CommandOutput output;
        try
        {
            output = await BoundedCommand.RunAsync(argvOfSsh, null, timeout, StdOutCap, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            // Same as ssh's own "cannot connect": no session, said on stderr.
            return new RemoteResult(255, "", $"cannot start {SshCommandLine.Program}: {e.Message}", false, Stopwatch.GetElapsedTime(started));
        }
        var took = Stopwatch.GetElapsedTime(started);
        return new RemoteResult(output.TimedOut ? -1 : output.ExitCode, Text(output.Stdout), Text(output.Stderr), output.TimedOut, took);
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
