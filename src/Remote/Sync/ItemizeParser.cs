namespace Failover.Remote.Sync;

/// <summary>
/// Pure: reads rsync's --itemize-changes output. Only itemized lines count as changes; anything else rsync prints
/// on stdout ("created 2 directories for …" from --mkpath, a dry run's summary) is skipped.
/// </summary>
public static class ItemizeParser
{
    private const string Deleting = "*deleting";

    public static IReadOnlyList<ItemizedChange> Parse(string stdout)
    {
        var changes = new List<ItemizedChange>();
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (TryParse(line) is { } change)
                changes.Add(change);
        }
        return changes;
    }

    public static ItemizedChange? TryParse(string line)
    {
        if (line.StartsWith(Deleting + " ", StringComparison.Ordinal))
        {
            var path = line[Deleting.Length..].TrimStart(' ');
            return path.Length > 0 ? new ItemizedChange(Deleting, path) : null;
        }
        // YXcstpoguax, one space, the name.
        if (line.Length < 13 || line[11] != ' ' || !IsCode(line.AsSpan(0, 11)))
            return null;
        var name = line[12..];
        if (line[1] == 'L' && name.IndexOf(" -> ", StringComparison.Ordinal) is var arrow and >= 0)
            name = name[..arrow];
        return new ItemizedChange(line[..11], name);
    }

    private static bool IsCode(ReadOnlySpan<char> code) =>
        code[0] is '<' or '>' or 'c' or 'h' or '.'
        && code[1] is 'f' or 'd' or 'L' or 'D' or 'S'
        && code[2..].IndexOfAnyExcept("+.?cstpoguaxnbTPOGUAX ") < 0;
}
