using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Health;

public sealed class HealthPolicyTests
{
    private static readonly ProbeResult Ok = ProbeResult.Up("ok", TimeSpan.FromMilliseconds(3));
    private static readonly ProbeResult Fail = ProbeResult.Down("SERVFAIL from 127.0.0.1:53", TimeSpan.FromMilliseconds(3));

    /// <summary>Feeds a string of results ('+' healthy, '-' failed) and returns the settled health after
    /// each one, as a string of 'U', 'D', '?'.</summary>
    private static string Run(HealthPolicy policy, string results)
    {
        var status = policy.Start;
        var trace = new System.Text.StringBuilder();
        foreach (var c in results)
        {
            var step = policy.Apply(status, c == '+' ? Ok : Fail);
            Assert.Equal(step.Status.Health != status.Health, step.Transition is not null);
            status = step.Status;
            trace.Append(status.Health switch { ServiceHealth.Up => 'U', ServiceHealth.Down => 'D', _ => '?' });
        }
        return trace.ToString();
    }

    [Theory]
    // Unknown: the first result settles it, then rise/fall apply.
    [InlineData(2, 3, ServiceHealth.Unknown, "+", "U")]
    [InlineData(2, 3, ServiceHealth.Unknown, "-", "D")]
    [InlineData(2, 3, ServiceHealth.Unknown, "+---", "UUUD")]
    [InlineData(2, 3, ServiceHealth.Unknown, "-+-++", "DDDDU")]
    // Up: needs `fall` failures in a row; a success breaks the streak.
    [InlineData(2, 3, ServiceHealth.Up, "--+---", "UUUUUD")]
    [InlineData(1, 1, ServiceHealth.Up, "-+-", "DUD")]
    // Down: needs `rise` successes in a row.
    [InlineData(2, 3, ServiceHealth.Down, "+-++", "DDDU")]
    [InlineData(3, 1, ServiceHealth.Down, "++-+++-", "DDDDDUD")]
    [InlineData(1, 2, ServiceHealth.Down, "+-+--+", "UUUUDU")]
    public void Settles_after_rise_or_fall_results_in_a_row(int rise, int fall, ServiceHealth initial, string results, string expected)
    {
        Assert.Equal(expected, Run(new HealthPolicy(rise, fall, initial), results));
    }

    [Fact]
    public void Every_sequence_of_eight_results_obeys_rise_and_fall()
    {
        // Exhaustive over small thresholds, all initial states, all 256 sequences of length 8: health
        // only changes at the end of a streak of exactly the threshold (or at the first result if Unknown).
        foreach (var initial in new[] { ServiceHealth.Unknown, ServiceHealth.Up, ServiceHealth.Down })
        {
            for (var rise = 1; rise <= 4; rise++)
            {
                for (var fall = 1; fall <= 4; fall++)
                {
                    var policy = new HealthPolicy(rise, fall, initial);
                    for (var bits = 0; bits < 256; bits++)
                    {
                        var status = policy.Start;
                        var streak = 0;
                        bool? last = null;
                        for (var i = 0; i < 8; i++)
                        {
                            var healthy = (bits >> i & 1) == 1;
                            streak = last == healthy ? streak + 1 : 1;
                            last = healthy;
                            var step = policy.Apply(status, healthy ? Ok : Fail);
                            var expected = status.Health switch
                            {
                                ServiceHealth.Unknown => healthy ? ServiceHealth.Up : ServiceHealth.Down,
                                ServiceHealth.Down when healthy && streak >= rise => ServiceHealth.Up,
                                ServiceHealth.Up when !healthy && streak >= fall => ServiceHealth.Down,
                                var h => h,
                            };
                            Assert.Equal(expected, step.Status.Health);
                            Assert.Equal(healthy ? streak : 0, step.Status.ConsecutiveSuccesses);
                            Assert.Equal(healthy ? 0 : streak, step.Status.ConsecutiveFailures);
                            status = step.Status;
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void A_transition_names_the_streak_and_the_last_reason()
    {
        var policy = new HealthPolicy(2, 3, ServiceHealth.Up);
        var status = policy.Start;
        HealthStep step = default;
        foreach (var _ in Enumerable.Range(0, 3))
        {
            step = policy.Apply(status, Fail);
            status = step.Status;
        }
        Assert.Equal(new HealthTransition(ServiceHealth.Up, ServiceHealth.Down, "3 failures in a row, last: SERVFAIL from 127.0.0.1:53"), step.Transition);
    }

    [Fact]
    public void A_first_transition_from_unknown_carries_the_bare_reason()
    {
        var policy = new HealthPolicy(2, 3);
        var step = policy.Apply(policy.Start, Fail);
        Assert.Equal(new HealthTransition(ServiceHealth.Unknown, ServiceHealth.Down, "SERVFAIL from 127.0.0.1:53"), step.Transition);
    }

    [Fact]
    public void No_transition_while_health_holds()
    {
        var policy = new HealthPolicy(2, 3, ServiceHealth.Up);
        var step = policy.Apply(policy.Start, Ok);
        Assert.Null(step.Transition);
        Assert.Equal(new HealthStatus(ServiceHealth.Up, 1, 0), step.Status);
    }

    [Fact]
    public void Counters_saturate()
    {
        var policy = new HealthPolicy(1, 1, ServiceHealth.Up);
        var step = policy.Apply(new HealthStatus(ServiceHealth.Up, int.MaxValue, 0), Ok);
        Assert.Equal(int.MaxValue, step.Status.ConsecutiveSuccesses);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Thresholds_below_one_are_refused(int rise, int fall)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthPolicy(rise, fall));
    }
}
