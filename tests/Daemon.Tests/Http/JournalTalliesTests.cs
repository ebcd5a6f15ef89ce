using Failover.Daemon.Http;
using Failover.Daemon.Journal;

namespace Failover.Daemon.Tests.Http;

public sealed class JournalTalliesTests
{
    private static Dictionary<string, string> Step(string chain, string step, string result, string ms) =>
        new() { ["chain"] = chain, ["step"] = step, ["result"] = result, ["duration_ms"] = ms, ["detail"] = "" };

    [Fact]
    public void Transitions_are_counted_by_group_state_entered_and_cause()
    {
        var journal = new FakeJournal();
        using var tallies = new JournalTallies(journal);
        var at = SampleReports.Now;
        journal.Transition("web", "INIT", "BACKUP", "startup", at);
        journal.Transition("web", "BACKUP", "MASTER", "no advertisement for 3 s", at.AddSeconds(3));
        journal.Transition("web", "MASTER", "BACKUP", "preferred master 192.0.2.2 advertised (advbase 1 s, advskew 0)", at.AddSeconds(9));
        journal.Transition("web", "BACKUP", "MASTER", "no advertisement for 3.1 s", at.AddSeconds(20));
        journal.Transition("dns", "INIT", "BACKUP", "startup", at);
        journal.Append(JournalKinds.Probe, "web", "probe svc UP -> DOWN", new Dictionary<string, string> { ["to"] = "DOWN" });

        Assert.Equal(
            [
                new TransitionCount("dns", "backup", "startup", 1),
                new TransitionCount("web", "backup", "preferred_master", 1),
                new TransitionCount("web", "backup", "startup", 1),
                new TransitionCount("web", "master", "master_down", 2),
            ],
            tallies.Transitions());
    }

    [Fact]
    public void Step_durations_fall_in_buckets_in_seconds_with_sum_and_count()
    {
        var journal = new FakeJournal();
        using var tallies = new JournalTallies(journal);
        journal.Append(JournalKinds.ChainStep, "web", "step 1", Step("on_master", "vip up", "ok", "3.5"));
        journal.Append(JournalKinds.ChainStep, "web", "step 1", Step("on_master", "vip up", "ok", "70"));
        journal.Append(JournalKinds.ChainStep, "web", "step 2", Step("on_master", "service slapd start", "timeout", "400000"));
        journal.Append(JournalKinds.ChainStep, "web", "step 3", Step("on_master", "broken", "ok", "soon"));

        var steps = tallies.Steps();
        Assert.Equal(2, steps.Count);
        var slapd = steps[0];
        Assert.Equal(("service slapd start", "timeout", 1L, 400.0), (slapd.Step, slapd.Result, slapd.Count, slapd.SumSeconds));
        Assert.Equal(1, slapd.Buckets[^1]); // above every bound: only +Inf holds it
        var vip = steps[1];
        Assert.Equal((2L, 0.0735), (vip.Count, Math.Round(vip.SumSeconds, 6)));
        Assert.Equal(1, vip.Buckets[0]);  // 3.5 ms <= 10 ms
        Assert.Equal(1, vip.Buckets[2]);  // 70 ms in (50 ms, 100 ms]
        Assert.Equal(StepDurations.UpperBounds.Count + 1, vip.Buckets.Count);
    }

    [Fact]
    public void Without_a_journal_nothing_is_counted_and_dispose_unsubscribes()
    {
        using (var none = new JournalTallies(null))
            Assert.Empty(none.Transitions());
        var journal = new FakeJournal();
        var tallies = new JournalTallies(journal);
        Assert.Equal(1, journal.Subscribers);
        tallies.Dispose();
        Assert.Equal(0, journal.Subscribers);
    }
}
