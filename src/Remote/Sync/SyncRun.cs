namespace Failover.Remote.Sync;

/// <summary>How one push (or dry run) of a group's paths ended.</summary>
/// <param name="PostCommand">The post_command's result; null when it did not run (dry run, failure, nothing changed, none set).</param>
public sealed record SyncRun(bool DryRun, DateTimeOffset Started, TimeSpan Took, IReadOnlyList<PathChanges> Paths, RemoteResult? PostCommand)
{
    public int ChangeCount => Paths.Sum(p => p.Changes.Count);

    public bool Succeeded => Paths.All(p => p.Error is null) && (PostCommand is null || PostCommand.Succeeded);

    /// <summary>The first thing that went wrong, for status and mail; null when nothing did.</summary>
    public string? Error =>
        Paths.FirstOrDefault(p => p.Error is not null) is { } failed
            ? $"{failed.Path.Source}: {failed.Error}"
            : PostCommand is { Succeeded: false } post
                ? $"post_command {(post.TimedOut ? "timed out" : $"exited {post.ExitCode}")}{Tail(post.StdErr)}"
                : null;

    private static string Tail(string stderr) => stderr.Trim() is { Length: > 0 } text ? ": " + text.Split('\n')[^1].Trim() : "";
}
