namespace Failover.Monitors.Health;

/// <summary>The outcome of one probe run.</summary>
/// <param name="Healthy">Whether the service answered as a healthy one does.</param>
/// <param name="Reason">What an admin reads in the log: "SERVFAIL from 127.0.0.1:53", "no answer within 2 s".</param>
/// <param name="Latency">From the start of the run to its outcome.</param>
public sealed record ProbeResult(bool Healthy, string Reason, TimeSpan Latency)
{
    public static ProbeResult Up(string reason, TimeSpan latency) => new(true, reason, latency);

    public static ProbeResult Down(string reason, TimeSpan latency) => new(false, reason, latency);

    public override string ToString() =>
        $"{(Healthy ? "up" : "down")}: {Reason} ({Duration.Format(Latency)})";
}
