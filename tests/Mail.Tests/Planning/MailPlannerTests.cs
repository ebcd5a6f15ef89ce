using Failover.Mail.Planning;

namespace Failover.Mail.Tests.Planning;

public sealed class MailPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 16, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly MailPlanner _planner = new(new MailPlannerOptions { Window = Window });

    [Fact]
    public void First_event_goes_out_at_once_as_itself()
    {
        var mails = _planner.Add(Event(0, "samba: varda is MASTER", "What: promoted\nNode: varda\n"));
        var mail = Assert.Single(mails);
        Assert.Equal("samba: varda is MASTER", mail.Subject);
        Assert.Equal("What: promoted\nNode: varda\n", mail.Body);
        Assert.False(mail.IsDigest);
        Assert.Equal(T0 + Window, _planner.NextDueAt);
    }

    [Fact]
    public void Flapping_gives_one_digest_per_window_not_a_storm()
    {
        var sent = new List<PlannedMail>();
        // A state change every 30 s for 25 minutes.
        for (var s = 0; s < 25 * 60; s += 30)
        {
            sent.AddRange(_planner.Tick(T0.AddSeconds(s)));
            sent.AddRange(_planner.Add(Event(s, "samba: state", $"flap {s}")));
        }
        sent.AddRange(_planner.Tick(T0.AddMinutes(60)));

        // The first event alone, then one digest per 10-minute window: 16:10, 16:20, 16:30.
        Assert.Equal(4, sent.Count);
        Assert.False(sent[0].IsDigest);
        Assert.Equal([19, 20, 10], sent.Skip(1).Select(m => m.Events.Count));
        Assert.Equal(50, sent.Sum(m => m.Events.Count));
        Assert.Equal("samba: state (19 events in 10 min)", sent[1].Subject);
        Assert.Equal(0, _planner.Held);
        Assert.Null(_planner.NextDueAt);
    }

    [Fact]
    public void Digest_lists_each_event_and_the_last_in_full()
    {
        _planner.Add(Event(0, "dns: state", "first"));
        _planner.Add(Event(61, "dns: state", "peer lost\ndetails a"));
        _planner.Add(Event(62, "dns: state", "peer back\ndetails b"));
        Assert.Empty(_planner.Tick(T0 + Window - TimeSpan.FromTicks(1)));
        var digest = Assert.Single(_planner.Tick(T0 + Window));
        Assert.Equal(
            "2 events in 10 min (2026-11-21 16:01:01 – 16:01:02 UTC), folded into one mail; "
            + "at most one mail per 10 min for \"dns: state\":\n\n"
            + "  16:01:01  peer lost\n"
            + "  16:01:02  peer back\n"
            + "\nThe last event in full:\n\npeer back\ndetails b\n",
            digest.Body);
        Assert.True(digest.IsDigest);
    }

    [Fact]
    public void A_quiet_window_closes_and_the_next_event_goes_out_at_once()
    {
        _planner.Add(Event(0, "s", "a"));
        Assert.Empty(_planner.Tick(T0 + Window));
        Assert.Null(_planner.NextDueAt);
        var mail = Assert.Single(_planner.Add(Event(11 * 60, "s", "b")));
        Assert.Equal("b", mail.Body);
    }

    [Fact]
    public void A_digest_opens_a_new_window_so_the_event_right_after_it_is_held()
    {
        _planner.Add(Event(0, "s", "a"));
        _planner.Add(Event(60, "s", "b"));
        Assert.Single(_planner.Tick(T0 + Window));
        Assert.Empty(_planner.Add(Event(10 * 60 + 1, "s", "c")));
        Assert.Equal(1, _planner.Held);
        Assert.Equal(T0 + Window + Window, _planner.NextDueAt);
    }

    [Fact]
    public void Streams_are_separate_by_kind_and_subject()
    {
        Assert.Single(_planner.Add(Event(0, "samba: state", "a", kind: "state")));
        Assert.Single(_planner.Add(Event(1, "dns: state", "b", kind: "state")));
        Assert.Single(_planner.Add(Event(2, "samba: state", "c", kind: "probe")));
        Assert.Empty(_planner.Add(Event(3, "samba: state", "d", kind: "state")));
        Assert.Equal(1, _planner.Held);
    }

    [Fact]
    public void Adding_a_late_event_first_flushes_digests_that_fell_due_then_sends_it()
    {
        _planner.Add(Event(0, "s", "a"));
        _planner.Add(Event(1, "s", "b"));
        _planner.Add(Event(2, "t", "x"));
        // No Tick for an hour; the next event arrives for stream t.
        var mails = _planner.Add(Event(3600, "t", "y"));
        Assert.Equal(2, mails.Count);
        Assert.Equal(["b"], mails[0].Events.Select(e => e.Text));
        Assert.Equal("y", mails[1].Body);
    }

    [Fact]
    public void Digests_due_together_come_in_window_order()
    {
        _planner.Add(Event(5, "late", "a"));
        _planner.Add(Event(0, "early", "b"));
        _planner.Add(Event(6, "late", "c"));
        _planner.Add(Event(7, "early", "d"));
        var mails = _planner.Tick(T0.AddHours(1));
        Assert.Equal(["early (1 event in 10 min)", "late (1 event in 10 min)"], mails.Select(m => m.Subject));
    }

    [Fact]
    public void Long_digests_are_cut_but_count_everything()
    {
        var planner = new MailPlanner(new MailPlannerOptions { Window = Window, MaxListed = 3 });
        planner.Add(Event(0, "s", "first"));
        for (var i = 1; i <= 7; i++)
        {
            planner.Add(Event(i, "s", $"e{i}"));
        }
        var digest = Assert.Single(planner.Tick(T0 + Window));
        Assert.Equal(7, digest.Events.Count);
        Assert.Contains("  16:00:03  e3\n  … and 4 more\n", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("e4\n", digest.Body.Split("The last event")[0], StringComparison.Ordinal);
        Assert.EndsWith("e7\n", digest.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(600, "10 min")]
    [InlineData(90, "90 s")]
    [InlineData(30.5, "30.5 s")]
    [InlineData(3600, "60 min")]
    public void Window_lengths_are_described(double seconds, string text) =>
        Assert.Equal(text, MailPlanner.Describe(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Drain_sends_every_held_event_as_a_digest_and_closes_the_windows()
    {
        _planner.Add(Event(0, "samba: state", "flap 0"));
        _planner.Add(Event(30, "samba: state", "flap 30"));
        _planner.Add(Event(60, "samba: state", "flap 60"));
        _planner.Add(Event(10, "dns: state", "alone")); // its window holds nothing: no digest

        var mail = Assert.Single(_planner.Drain());

        Assert.True(mail.IsDigest);
        Assert.Equal(["flap 30", "flap 60"], mail.Events.Select(e => e.Text));
        Assert.Equal(0, _planner.Held);
        Assert.Null(_planner.NextDueAt);
        Assert.Single(_planner.Add(Event(90, "samba: state", "after"))); // a fresh window: out at once
    }

    private static MailEvent Event(double seconds, string subject, string text, string kind = "state") =>
        new(T0.AddSeconds(seconds), kind, subject, text);
}
