namespace Failover.Daemon.Runtime;

/// <summary>
/// Why this node may not be master, one reason per source ("chain" for a failed on_master, later one per
/// rule): eligible while there is none. The sources are kept apart so each lifts only its own reason.
/// </summary>
internal sealed class Eligibility
{
    private readonly SortedDictionary<string, string> _blockers = new(StringComparer.Ordinal);

    public bool IsEligible => _blockers.Count == 0;

    /// <summary>Every reason, "; "-separated; empty while eligible.</summary>
    public string Reason => string.Join("; ", _blockers.Values);

    /// <summary>Sets <paramref name="source"/>'s reason, or lifts it when <paramref name="reason"/> is null.</summary>
    /// <returns>True when that changed anything.</returns>
    public bool Set(string source, string? reason)
    {
        if (reason is null)
            return _blockers.Remove(source);
        if (_blockers.TryGetValue(source, out var current) && current == reason)
            return false;
        _blockers[source] = reason;
        return true;
    }
}
