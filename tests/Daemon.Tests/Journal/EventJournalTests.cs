using System.Text;
using Failover.Daemon.Journal;

namespace Failover.Daemon.Tests.Journal;

public sealed class EventJournalTests : IDisposable
{
    private readonly JournalDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    [Fact]
    public void Each_event_is_one_json_line_with_seq_time_kind_group_text_and_fields()
    {
        using (var journal = _dir.Open())
        {
            journal.Append(JournalKinds.Transition, "dns", "BACKUP -> MASTER (master down)", Fields(("from", "BACKUP"), ("to", "MASTER")));
            journal.Append(JournalKinds.Daemon, null, "stopped");
        }

        var lines = File.ReadAllLines(_dir.File());
        var at = JournalLine.FormatTime(_dir.Clock.GetUtcNow());
        Assert.Equal([
            $$$"""{"seq":1,"at":"{{{at}}}","kind":"transition","group":"dns","text":"BACKUP -> MASTER (master down)","fields":{"from":"BACKUP","to":"MASTER"}}""",
            $$$"""{"seq":2,"at":"{{{at}}}","kind":"daemon","group":null,"text":"stopped","fields":{}}""",
        ], lines);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", at);
    }

    [Fact]
    public void The_file_is_created_mode_0640()
    {
        using var journal = _dir.Open();
        journal.Append(JournalKinds.Daemon, null, "started");

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(_dir.File()));
    }

    [Fact]
    public void Seq_continues_after_a_restart_and_earlier_events_still_read()
    {
        using (var first = _dir.Open())
        {
            first.Append(JournalKinds.Daemon, null, "one");
            first.Append(JournalKinds.Daemon, null, "two");
        }
        using var second = _dir.Open();
        second.Append(JournalKinds.Daemon, null, "three");

        Assert.Equal([(1L, "one"), (2L, "two"), (3L, "three")], second.Read().Select(e => (e.Seq, e.Text)));
        Assert.Equal(3, second.LastSeq);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_and_the_next_event_starts_on_a_line_of_its_own()
    {
        using (var first = _dir.Open())
        {
            first.Append(JournalKinds.Daemon, null, "one");
            first.Append(JournalKinds.Daemon, null, "two");
        }
        // A crash in the middle of writing seq 3: half a line, no newline.
        File.AppendAllText(_dir.File(), """{"seq":3,"at":"2026-11-21T21:""");

        using var second = _dir.Open();
        second.Append(JournalKinds.Daemon, null, "after the crash");

        var lines = File.ReadAllLines(_dir.File());
        Assert.Equal(4, lines.Length);
        Assert.Equal("""{"seq":3,"at":"2026-11-21T21:""", lines[2]);
        Assert.StartsWith("""{"seq":3,""", lines[3]); // seq 3 never made it, so it is used again
        Assert.Equal(["one", "two", "after the crash"], second.Read().Select(e => e.Text));
        // And from the files, not only from memory:
        using var third = _dir.Open(new JournalLimits(RecentEvents: 1));
        Assert.Equal(["one", "two", "after the crash"], third.Read().Select(e => e.Text));
    }

    [Fact]
    public void Garbage_lines_are_skipped_by_readers()
    {
        File.WriteAllText(_dir.File(), "not json\n{\"seq\":\"x\"}\n\n");
        using var journal = _dir.Open();
        journal.Append(JournalKinds.Daemon, null, "fine");

        Assert.Equal([(1L, "fine")], journal.Read().Select(e => (e.Seq, e.Text)));
    }

    [Fact]
    public void The_file_rotates_at_its_size_bound_and_keeps_only_the_configured_number_of_old_files()
    {
        var limits = new JournalLimits(MaxFileBytes: 1000, RotatedFiles: 2, RecentEvents: 5);
        using var journal = _dir.Open(limits);
        for (int i = 1; i <= 60; i++)
            journal.Append(JournalKinds.Daemon, null, $"event {i} " + new string('x', 40));

        Assert.True(File.Exists(_dir.File("events.jsonl.1")));
        Assert.True(File.Exists(_dir.File("events.jsonl.2")));
        Assert.False(File.Exists(_dir.File("events.jsonl.3")));
        foreach (var path in new[] { _dir.File(), _dir.File("events.jsonl.1"), _dir.File("events.jsonl.2") })
            Assert.InRange(new FileInfo(path).Length, 1, 1000);
        // Every event still kept reads in order, ending with the last one; the oldest are gone.
        var seqs = journal.Read().Select(e => e.Seq).ToArray();
        Assert.Equal(60, seqs[^1]);
        Assert.True(seqs[0] > 1);
        Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Length).Select(i => (long)i), seqs);
    }

    [Fact]
    public void Seq_continues_after_a_restart_right_after_a_rotation()
    {
        var limits = new JournalLimits(MaxFileBytes: 300, RotatedFiles: 1);
        using (var first = _dir.Open(limits))
        {
            for (int i = 0; i < 5; i++)
                first.Append(JournalKinds.Daemon, null, new string('x', 100));
        }
        // As if the daemon stopped just after rotating: the last event is in events.jsonl.1, events.jsonl is new.
        File.Move(_dir.File(), _dir.File("events.jsonl.1"), overwrite: true);
        File.WriteAllText(_dir.File(), "");
        using var second = _dir.Open(limits);
        second.Append(JournalKinds.Daemon, null, "next");

        Assert.Equal(6, second.Read()[^1].Seq);
    }

    [Fact]
    public void Read_filters_by_group_keeping_node_wide_events_by_time_and_after_a_seq()
    {
        using var journal = _dir.Open();
        journal.Append(JournalKinds.Transition, "dns", "dns 1");
        journal.Append(JournalKinds.Daemon, null, "node 2");
        _dir.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = _dir.Clock.GetUtcNow();
        journal.Append(JournalKinds.Transition, "dhcp", "dhcp 3");
        journal.Append(JournalKinds.Transition, "dns", "dns 4");

        Assert.Equal(["dns 1", "node 2", "dns 4"], journal.Read(group: "dns").Select(e => e.Text));
        Assert.Equal(["dhcp 3", "dns 4"], journal.Read(since: later).Select(e => e.Text));
        Assert.Equal(["dns 4"], journal.Read(since: later, group: "dns").Select(e => e.Text));
        Assert.Equal(["dhcp 3", "dns 4"], journal.Read(afterSeq: 2).Select(e => e.Text));
        Assert.Equal(["dhcp 3", "dns 4"], journal.Read(max: 2).Select(e => e.Text));
    }

    [Fact]
    public void Reads_beyond_the_events_kept_in_memory_come_from_the_files_and_agree()
    {
        using var journal = _dir.Open(new JournalLimits(MaxFileBytes: 2000, RotatedFiles: 5, RecentEvents: 3));
        for (int i = 1; i <= 20; i++)
        {
            journal.Append(JournalKinds.Probe, i % 2 == 0 ? "even" : "odd", $"event {i}", Fields(("n", $"{i}")));
            _dir.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var start = _dir.Clock.GetUtcNow() - TimeSpan.FromSeconds(20);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"event {i}"), journal.Read().Select(e => e.Text));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"event {2 * i}"), journal.Read(group: "even").Select(e => e.Text));
        Assert.Equal(["event 19", "event 20"], journal.Read(afterSeq: 18).Select(e => e.Text));
        Assert.Equal(["event 15", "event 16", "event 17", "event 18", "event 19", "event 20"],
            journal.Read(since: start + TimeSpan.FromSeconds(14)).Select(e => e.Text));
        Assert.Equal("7", journal.Read(afterSeq: 6, max: 20)[0].Fields["n"]);
    }

    [Fact]
    public void Files_older_than_the_query_reaches_are_not_read()
    {
        var limits = new JournalLimits(MaxFileBytes: 400, RotatedFiles: 5, RecentEvents: 1);
        using var journal = _dir.Open(limits);
        for (int i = 1; i <= 12; i++)
        {
            journal.Append(JournalKinds.Daemon, null, $"event {i}", Fields(("padding", new string('x', 100))));
            _dir.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        // A planted event in the oldest file that every query would match: only a read that opens that file shows it.
        var oldest = Enumerable.Range(1, 5).Select(i => _dir.File($"events.jsonl.{i}")).Last(File.Exists);
        File.WriteAllBytes(oldest, JournalLine.Format(new JournalEvent(1000, _dir.Clock.GetUtcNow(), JournalKinds.Daemon, null, "planted",
            new Dictionary<string, string>())));

        Assert.Equal(["event 11", "event 12"], journal.Read(afterSeq: 10).Select(e => e.Text));
        Assert.Equal(["event 10", "event 11", "event 12"], journal.Read(max: 3).Select(e => e.Text));
        Assert.Equal(["event 9", "event 10", "event 11", "event 12"],
            journal.Read(since: _dir.Clock.GetUtcNow() - TimeSpan.FromSeconds(4)).Select(e => e.Text));
        Assert.Equal("planted", journal.Read()[0].Text);
    }

    [Fact]
    public void Appended_is_raised_with_the_event_and_a_failing_subscriber_does_not_reach_the_caller()
    {
        using var journal = _dir.Open();
        var seen = new List<JournalEvent>();
        journal.Appended += seen.Add;
        journal.Appended += _ => throw new InvalidOperationException("broken subscriber");

        journal.Append(JournalKinds.Admin, "dns", "release", Fields(("command", "release")));

        var e = Assert.Single(seen);
        Assert.Equal((1L, "admin", "dns", "release"), (e.Seq, e.Kind, e.Group, e.Fields["command"]));
        Assert.Equal(e, journal.Read().Single() with { Fields = e.Fields });
        Assert.Equal(e.Fields, journal.Read().Single().Fields);
    }

    [Fact]
    public void A_journal_it_cannot_write_keeps_events_in_memory_and_counts_the_failures()
    {
        var blocked = Path.Combine(_dir.Path, "file-not-dir");
        File.WriteAllText(blocked, "");
        using var journal = EventJournal.Open(blocked, _dir.Clock);

        journal.Append(JournalKinds.Daemon, null, "still here");

        Assert.Equal(["still here"], journal.Read().Select(e => e.Text));
        Assert.Equal(1, journal.WriteFailures);
    }

    [Fact]
    public void Text_that_is_not_valid_utf16_is_written_with_a_replacement_character()
    {
        using var journal = _dir.Open();
        journal.Append(JournalKinds.Daemon, null, "lone \ud800 surrogate");
        journal.Append(JournalKinds.Daemon, null, "next");

        Assert.Equal(0, journal.WriteFailures);
        using var reopened = _dir.Open(new JournalLimits(RecentEvents: 1));
        Assert.Equal(["lone \ufffd surrogate", "next"], reopened.Read(afterSeq: 0, max: 5).Select(e => e.Text));
    }

    [Fact]
    public void After_dispose_appends_are_dropped_without_an_exception()
    {
        var journal = _dir.Open();
        journal.Dispose();
        journal.Append(JournalKinds.Daemon, null, "late");
        Assert.False(File.Exists(_dir.File()) && File.ReadAllText(_dir.File(), Encoding.UTF8).Contains("late", StringComparison.Ordinal));
    }
}
