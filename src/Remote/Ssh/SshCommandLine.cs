using System.Globalization;

namespace Failover.Remote.Ssh;

/// <summary>
/// Pure: the argv of the system ssh client. Options come first and are fixed (no agent, no prompt, no new host
/// keys accepted), so a key or host problem fails fast instead of hanging a daemon on a password prompt.
/// </summary>
public static class SshCommandLine
{
    public const string Program = "ssh";

    /// <summary>ssh and its options up to, not including, the host: what rsync's -e takes (rsync adds the host).</summary>
    public static IReadOnlyList<string> Transport(SshSettings ssh)
    {
        var argv = new List<string>
        {
            Program,
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "ConnectTimeout=" + Seconds(ssh.ConnectTimeout),
        };
        if (ssh.KnownHosts is { } knownHosts)
            argv.AddRange(["-o", "UserKnownHostsFile=" + knownHosts]);
        argv.AddRange(["-o", "IdentitiesOnly=yes", "-i", ssh.Identity, "-p", ssh.Port.ToString(CultureInfo.InvariantCulture), "-l", ssh.User]);
        return argv;
    }

    /// <summary>The whole ssh argv for one remote command: each word quoted for the peer's shell, after a "--"
    /// that ends ssh's own options (a first word starting with '-' stays the command's).</summary>
    public static IReadOnlyList<string> Command(SshSettings ssh, IReadOnlyList<string> argv)
    {
        if (argv.Count == 0)
            throw new ArgumentException("a remote command needs at least one word", nameof(argv));
        return [.. Transport(ssh), ssh.Host, "--", .. argv.Select(ShellWords.Quote)];
    }

    /// <summary>ConnectTimeout takes whole seconds; a fraction rounds up, never to 0 (which means "the TCP default").</summary>
    internal static string Seconds(TimeSpan timeout) =>
        Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
