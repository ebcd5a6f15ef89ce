namespace Failover.LinkWatch;

/// <summary>
/// Turns link reports (keyed by ifindex) into the raw state of the watched interfaces (keyed by name).
/// It remembers which name each index had, so a rename takes the old name down, and a name that
/// reappears under a new index is tracked again. A dump resets the picture: a name whose interface no
/// report mentioned between <see cref="BeginDump"/> and <see cref="EndDump"/> is gone, so down.
/// Not thread-safe: the watcher's receive loop is its only user.
/// </summary>
internal sealed class LinkTable(IEnumerable<string> watched)
{
    private readonly HashSet<string> _watched = [.. watched];
    private readonly Dictionary<int, string> _names = [];
    private HashSet<int>? _seenInDump;

    public IReadOnlyList<LinkState> Apply(LinkReport report)
    {
        var states = new List<LinkState>(2);
        if (_names.TryGetValue(report.Index, out var previous) && previous != report.Name)
        {
            AddIfWatched(states, previous, up: false);
        }
        // Another index holding this name belongs to an interface that had it before and is gone or renamed
        // (its own notice may have been lost to a socket overflow).
        foreach (var stale in _names.Where(n => n.Value == report.Name && n.Key != report.Index).Select(n => n.Key).ToList())
        {
            _names.Remove(stale);
        }
        if (report.Deleted)
        {
            _names.Remove(report.Index);
        }
        else
        {
            _names[report.Index] = report.Name;
            _seenInDump?.Add(report.Index);
        }
        AddIfWatched(states, report.Name, report.Up);
        return states;
    }

    public void BeginDump() => _seenInDump = [];

    /// <summary>Forgets the interfaces the dump did not mention; those watched are down.</summary>
    public IReadOnlyList<LinkState> EndDump()
    {
        var states = new List<LinkState>();
        if (_seenInDump is null)
            return states;
        foreach (var (index, name) in _names.Where(n => !_seenInDump.Contains(n.Key)).ToList())
        {
            _names.Remove(index);
            AddIfWatched(states, name, up: false);
        }
        _seenInDump = null;
        return states;
    }

    private void AddIfWatched(List<LinkState> states, string name, bool up)
    {
        if (_watched.Contains(name))
            states.Add(new LinkState(name, up));
    }
}
