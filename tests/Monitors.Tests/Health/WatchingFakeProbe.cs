using Failover.Monitors.Health;

namespace Failover.Monitors.Tests.Health;

/// <summary>A <see cref="FakeProbe"/> that can say it saw a change.</summary>
internal sealed class WatchingFakeProbe(FakeProbe inner) : IWatchingProbe
{
    public event EventHandler? ChangeSeen;

    public string Name => inner.Name;

    public bool Watched => ChangeSeen is not null;

    public Task<ProbeResult> RunAsync(CancellationToken cancellationToken) => inner.RunAsync(cancellationToken);

    public void SeeChange() => ChangeSeen?.Invoke(this, EventArgs.Empty);
}
