namespace Failover.Daemon.Journal;

/// <summary>The journal's file names in a state directory: events.jsonl, then events.jsonl.1 (newer) … .N (oldest).</summary>
public sealed class JournalFiles(string stateDir, int rotatedFiles)
{
    public const string FileName = "events.jsonl";

    public string Current { get; } = Path.Combine(stateDir, FileName);

    public int RotatedFiles { get; } = rotatedFiles;

    public string Rotated(int number) => $"{Current}.{number}";

    /// <summary>Every file that may hold events, oldest first.</summary>
    public IEnumerable<string> OldestFirst()
    {
        for (int i = RotatedFiles; i >= 1; i--)
            yield return Rotated(i);
        yield return Current;
    }
}
