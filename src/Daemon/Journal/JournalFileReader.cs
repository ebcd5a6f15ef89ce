namespace Failover.Daemon.Journal;

/// <summary>
/// Reads the events of one journal file while the writer may be appending or rotating it: lines that do not
/// parse (a torn last line after a crash, a line being written) are skipped.
/// </summary>
public static class JournalFileReader
{
    /// <summary>How much of a file's end <see cref="Tail"/> reads: a few thousand events.</summary>
    public const int TailBytes = 512 * 1024;

    /// <summary>Opens <paramref name="path"/> for reading, or null when it does not exist. The handle stays valid
    /// when the writer renames the file.</summary>
    public static FileStream? OpenOrNull(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Every event of the file, oldest first.</summary>
    public static List<JournalEvent> All(FileStream file)
    {
        file.Position = 0;
        var bytes = new byte[file.Length];
        int length = Fill(file, bytes);
        return Events(bytes.AsSpan(0, length), wholeFile: true);
    }

    /// <summary>The events in the last <see cref="TailBytes"/> of the file, oldest first.</summary>
    public static List<JournalEvent> Tail(FileStream file)
    {
        long start = Math.Max(0, file.Length - TailBytes);
        file.Position = start;
        var bytes = new byte[file.Length - start];
        int length = Fill(file, bytes);
        return Events(bytes.AsSpan(0, length), wholeFile: start == 0);
    }

    /// <summary>The events of <paramref name="text"/>; when it does not start at the file's start its first
    /// (partial) line is dropped.</summary>
    public static List<JournalEvent> Events(ReadOnlySpan<byte> text, bool wholeFile)
    {
        var events = new List<JournalEvent>();
        if (!wholeFile)
        {
            int first = text.IndexOf((byte)'\n');
            text = first < 0 ? [] : text[(first + 1)..];
        }
        while (!text.IsEmpty)
        {
            int end = text.IndexOf((byte)'\n');
            // A last line without its newline may still be being written, or was torn: never trusted.
            if (end < 0)
                break;
            if (JournalLine.Parse(text[..end]) is { } e)
                events.Add(e);
            text = text[(end + 1)..];
        }
        return events;
    }

    private static int Fill(FileStream file, byte[] bytes)
    {
        int length = 0;
        while (length < bytes.Length)
        {
            int read = file.Read(bytes, length, bytes.Length - length);
            if (read == 0)
                break;
            length += read;
        }
        return length;
    }
}
