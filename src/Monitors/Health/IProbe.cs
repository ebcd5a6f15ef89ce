namespace Failover.Monitors.Health;

/// <summary>
/// One health check of one service (a DNS server, an LDAP server, …). A probe checks once per call and
/// keeps no health state: counting, scheduling and the outer deadline belong to <see cref="ProbeRunner"/>.
/// </summary>
/// <remarks>
/// <see cref="RunAsync"/> should honour cancellation and return promptly (blocking APIs belong on their
/// own thread), but nothing relies on it: the runner counts a run that misses its deadline as failed and
/// abandons it. Exceptions are allowed and count as failures; a result is better, with a reason.
/// A probe that holds something between runs (a long-running child process, an open log) implements
/// <see cref="IAsyncDisposable"/> too; whoever created it disposes it after its runner. One that watches its
/// source between runs and wants an early run implements <see cref="IWatchingProbe"/>.
/// </remarks>
public interface IProbe
{
    /// <summary>The probe's configured name, as in <c>failoverctl probe NAME</c>.</summary>
    string Name { get; }

    Task<ProbeResult> RunAsync(CancellationToken cancellationToken);
}
