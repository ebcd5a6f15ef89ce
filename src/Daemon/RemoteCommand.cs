using Failover.Daemon.Config;
using Failover.Remote.Ssh;

namespace Failover.Daemon;

/// <summary>
/// failoverd --remote FILE -- ARGV…: runs one command on the peer exactly as failoverd would (FILE's ssh: section,
/// its command_timeout), so an admin can check the key, known_hosts and the peer's sshd before relying on them.
/// </summary>
public static class RemoteCommand
{
    /// <summary>As timeout(1): the command was killed at its deadline.</summary>
    public const int ExitTimedOut = 124;

    public static async Task<int> RunAsync(string path, IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var loaded = ConfigLoader.Load(path);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
                stderr.WriteLine(error);
            return DaemonCommand.ExitConfig;
        }
        if (loaded.Config!.Ssh is not { } ssh)
        {
            stderr.WriteLine($"failoverd: {path} has no ssh: section");
            return DaemonCommand.ExitConfig;
        }
        var result = await new SshRunner(ssh, TimeProvider.System).RunAsync(argv, ssh.CommandTimeout, CancellationToken.None).ConfigureAwait(false);
        stdout.Write(result.StdOut);
        stderr.Write(result.StdErr);
        if (result.TimedOut)
        {
            stderr.WriteLine($"failoverd: {ssh.Target}: timed out after {ssh.CommandTimeout.TotalSeconds:0.#} s (command_timeout); ssh killed");
            return ExitTimedOut;
        }
        return result.ExitCode;
    }
}
