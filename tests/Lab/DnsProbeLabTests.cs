using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// failoverd's dns monitor against the real BIND 9 in a lab node. The tests that only watch share one
/// lab (<see cref="DnsAnswerLab"/>, one probe per kind of answer); those that stop or freeze named make
/// their own.
/// </summary>
public sealed class DnsProbeLabTests(ITestOutputHelper output, DnsAnswerLab answers) : IClassFixture<DnsAnswerLab>
{
    private const string Server = "192.0.2.53:53";
    private static readonly string Answer = $"{Bind9Server.Www} A {Bind9Server.WwwAddress} from {Server}";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [LabFact]
    public async Task An_authoritative_answer_with_the_expected_address_is_up_after_rise_runs()
    {
        var n1 = await answers.Failoverd(output);

        var up = await ProbeChange.WaitFor(n1, "www", "UP", Settle);
        Assert.Equal(("DOWN", "dns"), (up.From, up.Kind));   // initial: down, rise: 2
        Assert.Equal($"2 successes in a row, last: {Answer}", up.Reason);
        var now = ProbeReading.Of(n1, "www");
        Assert.Equal(("UP", Answer, 0), (now.Health, now.Reason, now.Failures));
        Assert.True(now.Successes >= 2, $"{now}");
        Assert.Single(ProbeChange.All(n1, "www"));
    }

    [LabFact]
    public Task A_name_absent_from_the_zone_is_down_with_nxdomain() =>
        AssertDownAfterFall("absent", $"NXDOMAIN for absent.{Bind9Server.Zone} from {Server}");

    [LabFact]
    public Task A_zone_named_cannot_load_is_down_with_servfail() =>
        AssertDownAfterFall("broken", $"SERVFAIL from {Server}");

    [LabFact]
    public Task An_answer_with_another_address_is_down_naming_both() =>
        AssertDownAfterFall("moved", $"answer {Bind9Server.WwwAddress} from {Server}, expected 192.0.2.81");

    [LabFact]
    public Task A_referral_is_down_when_an_authoritative_answer_is_required() =>
        AssertDownAfterFall("referral", $"answer not authoritative from {Server}");

    [LabFact]
    public async Task Named_stopped_is_down_after_fall_refused_runs()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (named, n1) = await StartNamedAndProbe(lab, "interval: 1s, timeout: 3s, rise: 2, fall: 3");

        var mark = n1.Process.LineCount;
        var stopping = DateTimeOffset.UtcNow;
        await named.Stop();
        var down = await ProbeChange.WaitFor(n1, "named", "DOWN", Settle, mark);

        // Its closed port answers with ICMP port unreachable, which the connected socket sees at once.
        Assert.Equal($"3 failures in a row, last: connection refused by {Server}", down.Reason);
        Assert.True(down.Line.At - stopping >= TimeSpan.FromSeconds(1.8),
            $"3 runs 1 s apart cannot fail within {(down.Line.At - stopping).TotalSeconds:0.00} s of the stop");
        var now = ProbeReading.Of(n1, "named");
        Assert.Equal(("DOWN", $"connection refused by {Server}", 0), (now.Health, now.Reason, now.Successes));
        Assert.True(now.Failures >= 3, $"{now}");
    }

    [LabFact]
    public async Task Named_frozen_is_down_by_the_deadline_while_failoverctl_answers_at_once()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (named, n1) = await StartNamedAndProbe(lab, "interval: 1s, timeout: 4s, rise: 2, fall: 2");
        var before = StatusSampler.Sample(n1, "named");

        var mark = n1.Process.LineCount;
        var frozen = DateTimeOffset.UtcNow;
        named.Freeze();
        IReadOnlyList<TimedReading> samples;
        ProbeChange down;
        try
        {
            var goingDown = ProbeChange.WaitFor(n1, "named", "DOWN", TimeSpan.FromSeconds(30), mark);
            samples = await StatusSampler.Until(goingDown, n1, "named");
            down = await goingDown;
        }
        finally
        {
            named.Thaw();
        }

        output.WriteLine($"failoverctl status before the freeze: {before}\nwhile frozen:\n  {string.Join("\n  ", samples)}");
        // The probe gives up at 90 % of the 4 s timeout, with its own reason; two such runs in a row.
        var silent = $"no answer from {Server} within 3.6 s";
        Assert.Equal($"2 failures in a row, last: {silent}", down.Reason);
        Assert.True(down.Line.At - frozen >= TimeSpan.FromSeconds(6.7),
            $"two 3.6 s waits cannot end within {(down.Line.At - frozen).TotalSeconds:0.00} s of the freeze");
        // Asked every half second for > 7 s (fewer answers on a loaded machine, where failoverctl itself starts
        // slowly), failoverd answered each time without waiting for the probe, and showed the first failure
        // counted while the service was still UP (fall 2).
        Assert.True(samples.Count >= 4, $"only {samples.Count} samples");
        Assert.All(samples, s => Assert.True(s.Took < TimeSpan.FromSeconds(3), $"status took {s.Took.TotalMilliseconds:0} ms"));
        Assert.Contains(samples, s => s.Reading is { Health: "UP", Failures: 1 } && s.Reading.Reason == silent);

        var up = await ProbeChange.WaitFor(n1, "named", "UP", Settle, down.Line.Index + 1);
        Assert.Equal($"2 successes in a row, last: {Answer}", up.Reason);
    }

    [LabFact]
    public async Task Named_back_is_up_after_rise_runs()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (named, n1) = await StartNamedAndProbe(lab, "interval: 1s, timeout: 3s, rise: 3, fall: 2");
        await named.Stop();
        var down = await ProbeChange.WaitFor(n1, "named", "DOWN", Settle);
        Assert.Equal($"2 failures in a row, last: connection refused by {Server}", down.Reason);

        var restarting = DateTimeOffset.UtcNow;
        await named.Restart();
        var up = await ProbeChange.WaitFor(n1, "named", "UP", Settle, down.Line.Index + 1);

        Assert.Equal($"3 successes in a row, last: {Answer}", up.Reason);
        Assert.True(up.Line.At - restarting >= TimeSpan.FromSeconds(1.8),
            $"3 runs 1 s apart cannot succeed within {(up.Line.At - restarting).TotalSeconds:0.00} s of the restart");
        var now = ProbeReading.Of(n1, "named");
        Assert.Equal(("UP", Answer, 0), (now.Health, now.Reason, now.Failures));
        Assert.Equal(3, ProbeChange.All(n1, "named").Count); // UNKNOWN -> UP -> DOWN -> UP, nothing between
    }

    /// <summary>A probe of the shared lab that starts UP (initial: up) and fails every run: DOWN at the second.</summary>
    private async Task AssertDownAfterFall(string probe, string reason)
    {
        var n1 = await answers.Failoverd(output);

        var down = await ProbeChange.WaitFor(n1, probe, "DOWN", Settle);
        Assert.Equal(("UP", "dns"), (down.From, down.Kind));
        Assert.Equal($"2 failures in a row, last: {reason}", down.Reason);
        var later = await ProbeReading.WaitUntil(n1, probe, r => r.Failures >= 4, Settle, $"{probe} fails on");
        Assert.Equal(("DOWN", reason, 0), (later.Health, later.Reason, later.Successes));
        Assert.Single(ProbeChange.All(n1, probe));
    }

    /// <summary>named on node dns and failoverd on n1 with one monitor "named" asking for www; returns once it is UP.</summary>
    private static async Task<(Bind9Server Named, FailoverdNode N1)> StartNamedAndProbe(NetLab lab, string schedule)
    {
        var named = await Bind9Server.Start(lab, lab.AddNode("dns", "192.0.2.53/24"));
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Monitors =
            [
                $"{{ name: named, dns: {{ server: 192.0.2.53, query: {Bind9Server.Www}, expect: {Bind9Server.WwwAddress}, authoritative: true }}, {schedule} }}",
            ],
        });
        var up = await ProbeChange.WaitFor(n1, "named", "UP", Settle);
        Assert.Equal(("UNKNOWN", Answer), (up.From, up.Reason));
        return (named, n1);
    }
}
