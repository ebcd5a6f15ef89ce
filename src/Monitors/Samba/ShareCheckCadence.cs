namespace Failover.Monitors.Samba;

/// <summary>
/// When a <see cref="SambaProbe"/> checks its share: on the first run and then every Nth. After a failed
/// check, or while the server does not negotiate, the next run checks again, so a broken share stays DOWN
/// on every run and its repair is seen within <c>rise</c> runs rather than rise × N. Not thread-safe.
/// </summary>
internal sealed class ShareCheckCadence
{
    private readonly int _every;
    private int _runsUntilDue;

    public ShareCheckCadence(int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        _every = every;
    }

    /// <summary>Whether this run checks the share; a run that does not counts towards the next one that does.</summary>
    public bool TakeTurn()
    {
        if (_runsUntilDue == 0)
            return true;
        _runsUntilDue--;
        return false;
    }

    public void Checked(bool passed) => _runsUntilDue = passed ? _every - 1 : 0;

    /// <summary>The NEGOTIATE failed: whatever comes back must have its share checked at once.</summary>
    public void ServerFailed() => _runsUntilDue = 0;
}
