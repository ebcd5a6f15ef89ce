namespace Failover.Daemon.Modes;

/// <summary>
/// state_dir/modes.json on disk: read once at start, before any group starts, and rewritten whole after each change
/// (a temporary file beside it, fsync, rename), so a crash leaves the old file or the new one, never half of one.
/// </summary>
/// <remarks>
/// An unreadable or corrupt file starts the node in standby: the file may have held a standby, and starting without it
/// could make this node master against the admin's word (while the peer, in service, stays master anyway). The bad file
/// is kept as modes.json.corrupt, the standby is written in its place, and failoverctl standby off ends it.
/// </remarks>
public sealed class ModesBook
{
    public const string FileName = "modes.json";

    private readonly string _path;
    private readonly Lock _lock = new();

    private ModesBook(string path)
    {
        _path = path;
    }

    public string Path => _path;

    /// <summary>Reads the file in <paramref name="stateDir"/>: none is no mode; a bad one is standby (see remarks), with the error.</summary>
    public static (ModesBook Book, NodeModes Modes, string? Error) Open(string stateDir, DateTimeOffset now)
    {
        var book = new ModesBook(System.IO.Path.Combine(stateDir, FileName));
        if (!File.Exists(book._path))
            return (book, NodeModes.None, null);
        try
        {
            return (book, ModesFile.Parse(File.ReadAllText(book._path)), null);
        }
        catch (Exception e) when (e is ModesFileException or IOException or UnauthorizedAccessException)
        {
            var error = $"{book._path}: {e.Message}";
            var modes = NodeModes.None with { Standby = new ModeMark($"failoverd ({FileName} unreadable at start)", now) };
            try
            {
                File.Copy(book._path, book._path + ".corrupt", overwrite: true);
                book.Save(modes);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                error += $" (and cannot replace it: {again.Message})";
            }
            return (book, modes, error);
        }
    }

    /// <exception cref="IOException">The file cannot be written; the old one is left as it was.</exception>
    public void Save(NodeModes modes)
    {
        var text = ModesFile.Format(modes);
        lock (_lock)
        {
            var temporary = _path + ".new";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using var writer = new StreamWriter(stream);
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, _path, overwrite: true);
        }
    }
}
