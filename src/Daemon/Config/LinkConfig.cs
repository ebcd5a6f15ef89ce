namespace Failover.Daemon.Config;

/// <summary>
/// ifplugd-style debounce for one interface: a carrier change counts only once it has lasted this long.
/// Both default to 0: react at once (a link that drops takes the VIPs down with it immediately, and a
/// link that returns still waits the group's master-down interval before taking over).
/// </summary>
public sealed record LinkConfig(TimeSpan UpDelay, TimeSpan DownDelay)
{
    public static LinkConfig Immediate { get; } = new(TimeSpan.Zero, TimeSpan.Zero);
}
