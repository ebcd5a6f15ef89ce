namespace Failover.Remote.Sync;

/// <summary>One line of rsync --itemize-changes: what happens to <paramref name="Path"/> on the peer.</summary>
/// <param name="Code">rsync's YXcstpoguax code ("&gt;f.st......", "cd+++++++++"), or "*deleting".</param>
/// <param name="Path">Relative to the synced directory, as rsync prints it (a symlink without its "-&gt; target").</param>
public sealed record ItemizedChange(string Code, string Path)
{
    public bool IsDeletion => Code == "*deleting";

    public bool IsCreation => Code.Length == 11 && Code[2..].All(c => c == '+');

    /// <summary>"created", "deleted", "updated" (content), or "attributes" (only time, permissions, owner…).</summary>
    public string Kind => IsDeletion ? "deleted" : IsCreation ? "created" : Code.Length == 11 && (Code[0] is '<' or '>') ? "updated" : "attributes";

    public override string ToString() => $"{Code} {Path}";
}
