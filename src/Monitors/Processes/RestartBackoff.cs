namespace Failover.Monitors.Processes;

/// <summary>The wait before restarting a long-running child that exited: doubles with each exit up to a cap, so a
/// program that keeps failing is not restarted in a tight loop, and starts again from the first delay once the
/// child has proved itself (<see cref="Reset"/>).</summary>
internal sealed class RestartBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public RestartBackoff(TimeSpan first, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(first, TimeSpan.Zero);
        _first = first;
        _max = max < first ? first : max;
        _next = first;
    }

    public TimeSpan Next()
    {
        var delay = _next;
        _next = _next * 2 > _max ? _max : _next * 2;
        return delay;
    }

    public void Reset() => _next = _first;
}
