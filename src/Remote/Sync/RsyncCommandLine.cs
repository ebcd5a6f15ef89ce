using Failover.Remote.Ssh;

namespace Failover.Remote.Sync;

/// <summary>
/// Pure: the argv of one rsync push of one <see cref="SyncPath"/> over the same ssh options as every other remote
/// command. --itemize-changes lists each change on stdout (what a dry run shows and a push reports); --mkpath
/// creates a missing destination directory.
/// </summary>
public static class RsyncCommandLine
{
    public const string Program = "rsync";

    /// <param name="sourceIsDirectory">The source is a directory here: its content is synced into Dest, trailing
    /// slash or not (without one, rsync would nest it as Dest/NAME).</param>
    public static IReadOnlyList<string> Push(SshSettings ssh, SyncPath path, bool sourceIsDirectory, IReadOnlyList<string> exclude,
        bool delete, bool dryRun)
    {
        var argv = new List<string> { Program, "--archive", "--itemize-changes", "--mkpath" };
        if (dryRun)
            argv.Add("--dry-run");
        if (delete)
            argv.Add("--delete");
        argv.AddRange(exclude.Select(pattern => "--exclude=" + pattern));
        argv.AddRange(["--rsh", RemoteShell(ssh), "--"]);
        var (source, dest) = sourceIsDirectory ? (Slashed(path.Source), Slashed(path.Dest)) : (path.Source, path.Dest);
        argv.AddRange([source, $"{ssh.Host}:{dest}"]);
        return argv;
    }

    /// <summary>rsync splits --rsh on spaces and honours single quotes (not backslashes): every word is single-quoted
    /// when it needs to be, which is why the config refuses a ' in a key or known_hosts path.</summary>
    public static string RemoteShell(SshSettings ssh) =>
        string.Join(' ', SshCommandLine.Transport(ssh).Select(QuoteForRsync));

    internal static string QuoteForRsync(string word)
    {
        if (word.Contains('\''))
            throw new ArgumentException($"rsync's --rsh cannot carry a single quote: {word}", nameof(word));
        return word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c == '"') ? word : $"'{word}'";
    }

    private static string Slashed(string path) => path.EndsWith('/') ? path : path + "/";
}
