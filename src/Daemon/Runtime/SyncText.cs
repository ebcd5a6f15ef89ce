using System.Globalization;
using System.Text;
using Failover.Remote.Sync;

namespace Failover.Daemon.Runtime;

/// <summary>Pure: a sync run as failoverctl prints it and the mail tells it: a headline, then each path and its
/// itemized changes (rsync's codes), then the post_command's outcome.</summary>
public static class SyncText
{
    /// <summary>The first line; what went wrong follows on the path or post_command lines.</summary>
    public static string Headline(string group, string target, SyncRun run)
    {
        var changes = run.ChangeCount == 1 ? "1 change" : $"{run.ChangeCount} changes";
        var took = run.Took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (run.DryRun)
            return run.Succeeded
                ? $"{group}: dry run: {changes} to push to {target} (nothing was changed)"
                : $"{group}: dry run to {target} failed";
        return run.Succeeded
            ? $"{group}: pushed {changes} to {target} in {took} s"
            : $"{group}: sync to {target} failed after {took} s";
    }

    public static string Describe(string group, string target, string host, SyncRun run)
    {
        var text = new StringBuilder().Append(Headline(group, target, run)).Append('\n');
        foreach (var path in run.Paths)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {path.Path.Source} -> {host}:{path.Path.Dest}");
            text.Append(path.Error is { } error ? $": {error}\n" : path.Changes.Count == 0 ? ": up to date\n" : "\n");
            foreach (var change in path.Changes)
                text.Append(CultureInfo.InvariantCulture, $"    {change}\n");
        }
        if (run.PostCommand is { } post)
        {
            var outcome = post.TimedOut ? "timed out" : $"exit {post.ExitCode}";
            if (!post.Succeeded && post.StdErr.Trim() is { Length: > 0 } stderr)
                outcome += ": " + stderr.Split('\n')[^1].Trim();
            text.Append(CultureInfo.InvariantCulture, $"  post_command on {target}: {outcome}\n");
        }
        return text.ToString().TrimEnd('\n');
    }
}
