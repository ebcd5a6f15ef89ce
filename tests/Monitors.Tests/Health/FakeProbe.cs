using Failover.Monitors.Health;

namespace Failover.Monitors.Tests.Health;

/// <summary>A probe whose runs the test finishes by hand: each call hands out a pending task.</summary>
internal sealed class FakeProbe(string name = "fake") : IProbe
{
    private readonly Lock _lock = new();
    private readonly List<(TaskCompletionSource<ProbeResult> Result, CancellationToken Token)> _runs = [];

    public string Name { get; } = name;

    /// <summary>When set, a call returns this instead of a pending task.</summary>
    public Func<CancellationToken, Task<ProbeResult>>? Behaviour { get; set; }

    public int Calls
    {
        get
        {
            lock (_lock)
            {
                return _runs.Count;
            }
        }
    }

    public CancellationToken TokenOf(int call)
    {
        lock (_lock)
        {
            return _runs[call].Token;
        }
    }

    public Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<ProbeResult>();
        lock (_lock)
        {
            _runs.Add((pending, cancellationToken));
        }
        return Behaviour?.Invoke(cancellationToken) ?? pending.Task;
    }

    public void Finish(int call, bool healthy, string reason = "reply") =>
        Complete(call).SetResult(new ProbeResult(healthy, reason, TimeSpan.FromMilliseconds(5)));

    public void Throw(int call, Exception e) => Complete(call).SetException(e);

    private TaskCompletionSource<ProbeResult> Complete(int call)
    {
        lock (_lock)
        {
            return _runs[call].Result;
        }
    }
}
