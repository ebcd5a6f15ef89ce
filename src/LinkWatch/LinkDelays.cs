namespace Failover.LinkWatch;

/// <summary>
/// How long a carrier change must last before it counts, as ifplugd's --delay-up/--delay-down: a link
/// that comes back before <see cref="DownDelay"/> was never down; one that drops again before
/// <see cref="UpDelay"/> was never up. Zero reports at once.
/// </summary>
public sealed record LinkDelays(TimeSpan UpDelay, TimeSpan DownDelay)
{
    /// <summary>Every change counts at once.</summary>
    public static LinkDelays Immediate { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public TimeSpan UpDelay { get; init => field = NotNegative(value, nameof(UpDelay)); } = NotNegative(UpDelay, nameof(UpDelay));

    public TimeSpan DownDelay { get; init => field = NotNegative(value, nameof(DownDelay)); } = NotNegative(DownDelay, nameof(DownDelay));

    private static TimeSpan NotNegative(TimeSpan delay, string name) =>
        delay >= TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(name, delay, "a delay cannot be negative");
}
