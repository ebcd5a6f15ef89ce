namespace Failover.Lab.Tests.Harness;

/// <summary>A probe's reading and how long <c>failoverctl status</c> took to give it (process start included).</summary>
public sealed record TimedReading(DateTimeOffset At, TimeSpan Took, ProbeReading Reading)
{
    public override string ToString() =>
        $"{At:HH:mm:ss.fff} {Took.TotalMilliseconds:0} ms: {Reading.Health} s={Reading.Successes} f={Reading.Failures} {Reading.Reason}";
}
