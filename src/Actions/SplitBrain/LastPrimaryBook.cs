using System.Globalization;

namespace Failover.Actions.SplitBrain;

/// <summary>
/// The last time this node was DRBD Primary, per resource, kept in a small file in state_dir so that a restart
/// (or the reboot after a crash that split the pair) still knows it: one line "RESOURCE ISO-8601-UTC" each,
/// written beside and renamed. While a resource stays Primary the time is rewritten at most every
/// <see cref="Granularity"/>, so the file is at most that stale when the node stops being Primary.
/// </summary>
public sealed class LastPrimaryBook
{
    public const string FileName = "drbd-last-primary";

    public static TimeSpan Granularity { get; } = TimeSpan.FromSeconds(10);

    private readonly string _path;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _times;

    private LastPrimaryBook(string path, Dictionary<string, DateTimeOffset> times)
    {
        _path = path;
        _times = times;
    }

    /// <summary>Reads the book in <paramref name="stateDir"/>; a missing file is an empty book, unreadable lines are skipped.</summary>
    public static LastPrimaryBook Open(string stateDir)
    {
        var path = Path.Combine(stateDir, FileName);
        var times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                    times[parts[0]] = at;
            }
        }
        return new LastPrimaryBook(path, times);
    }

    public DateTimeOffset? Of(string resource)
    {
        lock (_lock)
        {
            return _times.TryGetValue(resource, out var at) ? at : null;
        }
    }

    /// <summary>This node is Primary of <paramref name="resource"/> at <paramref name="now"/>; true when the file was rewritten.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public bool Seen(string resource, DateTimeOffset now)
    {
        string text;
        lock (_lock)
        {
            if (_times.TryGetValue(resource, out var at) && now - at < Granularity && now >= at)
                return false;
            _times[resource] = now;
            text = string.Concat(_times.OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => $"{t.Key} {t.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}\n"));
            File.WriteAllText(_path + ".new", text);
            File.Move(_path + ".new", _path, overwrite: true);
        }
        return true;
    }
}
