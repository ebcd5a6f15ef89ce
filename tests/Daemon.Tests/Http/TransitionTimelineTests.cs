using Failover.Daemon.Http;
using Failover.Daemon.Journal;

namespace Failover.Daemon.Tests.Http;

public sealed class TransitionTimelineTests
{
    private static readonly DateTimeOffset To = SampleReports.Now;
    private static readonly DateTimeOffset From = To.AddHours(-24);

    [Fact]
    public void No_change_in_the_window_is_one_period_of_the_current_state()
    {
        var segments = TransitionTimeline.Segments([], "MASTER", From, To);

        Assert.Equal([new TimelineSegment(From, To, "MASTER", null)], segments);
    }

    [Fact]
    public void Each_change_starts_a_period_with_its_reason_and_the_first_period_is_the_state_left()
    {
        var journal = new FakeJournal();
        journal.Transition("web", "INIT", "BACKUP", "startup", To.AddHours(-30)); // before the window
        journal.Transition("web", "BACKUP", "MASTER", "no advertisement for 3 s", To.AddHours(-10));
        journal.Transition("web", "MASTER", "BACKUP", "link down", To.AddHours(-2));
        journal.Append(JournalKinds.Probe, "web", "probe svc UP -> DOWN", new Dictionary<string, string> { ["to"] = "DOWN" });

        var segments = TransitionTimeline.Segments(journal.Read(), "BACKUP", From, To);

        Assert.Equal(
            [
                new TimelineSegment(From, To.AddHours(-10), "BACKUP", null),
                new TimelineSegment(To.AddHours(-10), To.AddHours(-2), "MASTER", "no advertisement for 3 s"),
                new TimelineSegment(To.AddHours(-2), To, "BACKUP", "link down"),
            ],
            segments);
    }

    [Fact]
    public void A_restart_starts_a_period_of_its_own_and_changes_outside_the_window_are_left_out()
    {
        var journal = new FakeJournal();
        journal.Transition("web", "BACKUP", "MASTER", "no advertisement for 3 s", To.AddHours(-8));
        journal.Transition("web", "INIT", "BACKUP", "startup", To.AddHours(-5));
        journal.Transition("web", "INIT", "BACKUP", "startup", To.AddHours(-1));
        journal.Transition("web", "BACKUP", "MASTER", "no advertisement for 3 s", To.AddHours(1)); // the clock moved on

        var segments = TransitionTimeline.Segments(journal.Read(), "BACKUP", From, To);

        Assert.Equal([("BACKUP", From), ("MASTER", To.AddHours(-8)), ("BACKUP", To.AddHours(-5)), ("BACKUP", To.AddHours(-1))],
            segments.Select(s => (s.State, s.Start)));
        Assert.Equal(To, segments[^1].End);
    }

    [Fact]
    public void Nothing_is_drawn_before_a_first_start_and_a_shutdown_is_a_stopped_period()
    {
        var journal = new FakeJournal();
        journal.Transition("web", "INIT", "BACKUP", "startup", To.AddHours(-6));
        journal.Transition("web", "BACKUP", "MASTER", "no advertisement for 3 s", To.AddHours(-5));
        journal.Transition("web", "MASTER", "BACKUP", "shutdown", To.AddHours(-3));
        journal.Transition("web", "INIT", "BACKUP", "startup", To.AddHours(-2));

        var segments = TransitionTimeline.Segments(journal.Read(), "BACKUP", From, To);

        Assert.Equal(
            [
                new TimelineSegment(To.AddHours(-6), To.AddHours(-5), "BACKUP", "startup"),
                new TimelineSegment(To.AddHours(-5), To.AddHours(-3), "MASTER", "no advertisement for 3 s"),
                new TimelineSegment(To.AddHours(-3), To.AddHours(-2), TransitionTimeline.Stopped, "shutdown"),
                new TimelineSegment(To.AddHours(-2), To, "BACKUP", "startup"),
            ],
            segments);
    }
}
