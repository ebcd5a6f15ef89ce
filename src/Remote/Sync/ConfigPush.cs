using System.ComponentModel;
using System.Globalization;
using System.Text;
using Failover.Linux.Processes;
using Failover.Remote.Ssh;

namespace Failover.Remote.Sync;

/// <summary>
/// Pushes a group's paths to the peer with rsync over ssh, one rsync per path (each may land elsewhere on the
/// peer), then runs the post_command there when something changed. Never throws for rsync's or ssh's failure:
/// it is in the returned <see cref="SyncRun"/>.
/// </summary>
public sealed class ConfigPush(SshSettings ssh, IRemoteRunner remote, TimeProvider time)
{
    /// <summary>The itemized list of a large tree; more is dropped (the count then undercounts, and says so in the log).</summary>
    private const int StdOutCap = 1024 * 1024;

    public string Target => remote.Target;

    /// <exception cref="OperationCanceledException">The caller cancelled (the node left MASTER or is stopping); rsync was killed.</exception>
    public async Task<SyncRun> RunAsync(SyncSettings sync, bool dryRun, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var paths = new List<PathChanges>();
        foreach (var path in sync.Paths)
            paths.Add(await PushAsync(sync, path, dryRun, cancellationToken).ConfigureAwait(false));

        RemoteResult? post = null;
        if (!dryRun && sync.PostCommand.Count > 0 && paths.All(p => p.Error is null) && paths.Any(p => p.Changes.Count > 0))
            post = await remote.RunAsync(sync.PostCommand, sync.Timeout, cancellationToken).ConfigureAwait(false);
        return new SyncRun(dryRun, started, time.GetUtcNow() - started, paths, post);
    }

    private async Task<PathChanges> PushAsync(SyncSettings sync, SyncPath path, bool dryRun, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Path.Exists(path.Source))
            return new PathChanges(path, [], $"{path.Source} does not exist on this node");
        var argv = RsyncCommandLine.Push(ssh, path, Directory.Exists(path.Source), sync.Exclude, sync.Delete, dryRun);
        CommandOutput output;
        try
        {
            output = await BoundedCommand.RunAsync(argv, null, sync.Timeout, StdOutCap, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            return new PathChanges(path, [], $"cannot start {RsyncCommandLine.Program}: {e.Message}");
        }
        var changes = ItemizeParser.Parse(Encoding.UTF8.GetString(output.Stdout));
        if (output.TimedOut)
            return new PathChanges(path, changes, $"rsync timed out after {sync.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (killed)");
        if (output.ExitCode != 0)
            return new PathChanges(path, changes, $"rsync exited {output.ExitCode}{StderrTail(output.Stderr)}");
        return new PathChanges(path, changes, null);
    }

    /// <summary>The last lines of rsync's stderr: ssh's reason ("Connection refused", "Host key verification failed.")
    /// comes before rsync's own summary of it.</summary>
    private static string StderrTail(byte[] stderr)
    {
        var lines = Encoding.UTF8.GetString(stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : ": " + string.Join(" / ", lines.TakeLast(3));
    }
}
