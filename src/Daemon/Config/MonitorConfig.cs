using Failover.Monitors.Health;

namespace Failover.Daemon.Config;

/// <summary>
/// One health probe of a group: what to check (<see cref="Probe"/>), how often, and how many results in
/// a row change its health (UcManager checked three times, one second apart: fall 3).
/// </summary>
/// <param name="Timeout">The hard outer deadline of one run: a hung server is a failed run.</param>
/// <param name="For">Whom the result is about: this node, or the peer (<c>for: peer</c>, <see cref="MonitorFor"/>).</param>
public sealed record MonitorConfig(
    string Name,
    ProbeSpec Probe,
    TimeSpan Interval,
    TimeSpan Timeout,
    int Rise,
    int Fall,
    ServiceHealth Initial,
    MonitorFor For = MonitorFor.Self)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);
    public const int DefaultRise = 2;
    public const int DefaultFall = 3;
}
