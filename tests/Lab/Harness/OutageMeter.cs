namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A client pinging the VIP every 10 ms (<c>ping -D -n -i 0.01 -W 1</c>), so an outage is measured to
/// about 10 ms from the replies' kernel timestamps. Start it, wait for replies, cause the failure, wait
/// for replies after it, then <see cref="Measure"/> the window.
/// </summary>
public sealed class OutageMeter
{
    private OutageMeter(LabProcess ping) => Ping = ping;

    public LabProcess Ping { get; }

    /// <summary>Every reply so far, in order.</summary>
    public IReadOnlyList<PingReply> Replies =>
        Ping.Lines.Select(l => PingReply.TryParse(l.Text)).OfType<PingReply>().ToArray();

    /// <summary>Starts pinging <paramref name="vip"/> from <paramref name="client"/>; the lab stops it.</summary>
    public static OutageMeter Start(NetLab lab, LabNode client, string vip)
    {
        var ping = LabTool.Require("ping", "iputils-ping");
        return new OutageMeter(lab.Start(client, [ping, "-D", "-n", "-i", "0.01", "-W", "1", vip.Split('/')[0]]));
    }

    /// <summary>The first reply received after <paramref name="instant"/> (by its kernel timestamp).</summary>
    public async Task<PingReply> WaitForReplyAfter(DateTimeOffset instant, TimeSpan timeout)
    {
        var line = await Ping.WaitForLine(
            text => PingReply.TryParse(text) is { } reply && reply.At > instant,
            $"reply from the VIP after {instant:HH:mm:ss.fff}",
            timeout);
        return PingReply.TryParse(line.Text)!;
    }

    public Outage Measure(DateTimeOffset since, DateTimeOffset until) => Outage.Measure(Replies, since, until);

    /// <summary>The longest time without a reply in the window (see <see cref="Outage"/>).</summary>
    public TimeSpan LongestGap(DateTimeOffset since, DateTimeOffset until) => Measure(since, until).LongestGap;

    /// <summary>Echo requests lost in the window.</summary>
    public int Lost(DateTimeOffset since, DateTimeOffset until) => Measure(since, until).Lost;
}
