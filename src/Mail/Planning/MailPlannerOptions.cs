namespace Failover.Mail.Planning;

/// <summary>
/// <see cref="Window"/>: after a mail for a stream, further events of that stream wait this long and
/// then go out as one digest. <see cref="MaxListed"/>: a digest lists at most this many events.
/// </summary>
public sealed record MailPlannerOptions
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    public int MaxListed { get; init; } = 50;
}
