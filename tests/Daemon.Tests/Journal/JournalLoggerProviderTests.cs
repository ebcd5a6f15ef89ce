using Failover.Daemon.Journal;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Tests.Journal;

/// <summary>
/// The route table, one row per journaled log event: the parameters as the [LoggerMessage] template names them,
/// the message as logged, and the journal event that must come out.
/// </summary>
public sealed class JournalLoggerProviderTests : IDisposable
{
    private readonly JournalDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private JournalEvent Journal(string category, int eventId, string message, params (string Name, object? Value)[] parameters)
    {
        using var journal = _dir.Open();
        using var provider = new JournalLoggerProvider(journal);
        var state = parameters.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value))
            .Append(new("{OriginalFormat}", "the template")).ToList();
        provider.CreateLogger(category).Log(LogLevel.Warning, new EventId(eventId), state, null, (_, _) => message);
        return Assert.Single(journal.Read());
    }

    [Fact]
    public void A_transition_has_from_to_and_reason_and_its_group_without_the_group_lead_in_the_text()
    {
        var e = Journal("failoverd.group", 200, "group dns: BACKUP -> MASTER (master down)",
            ("Group", "dns"), ("From", "BACKUP"), ("To", "MASTER"), ("Reason", "master down"));

        Assert.Equal((JournalKinds.Transition, "dns", "BACKUP -> MASTER (master down)"), (e.Kind, e.Group, e.Text));
        Assert.Equal(new Dictionary<string, string> { ["from"] = "BACKUP", ["to"] = "MASTER", ["reason"] = "master down" }, e.Fields);
    }

    [Theory]
    [InlineData("ok", "step 1/3", "ok")]
    [InlineData("FAILED", "step 2/3", "failed")]
    [InlineData("TIMED OUT", "step 2/3", "timeout")]
    [InlineData("ok", "undo of step 1", "undone")]
    [InlineData("FAILED", "undo of step 1", "failed")]
    public void A_chain_step_has_its_result_word_and_duration_in_ms(string word, string which, string result)
    {
        var e = Journal("failoverd.chains", 301, "group dns: on_master step 1/3 vip add: ok in 12 ms: ",
            ("Group", "dns"), ("Chain", "on_master"), ("Which", which), ("Step", "vip add"), ("Word", word), ("Milliseconds", 12L), ("Detail", "exit 0"));

        Assert.Equal(JournalKinds.ChainStep, e.Kind);
        Assert.Equal(new Dictionary<string, string>
        {
            ["chain"] = "on_master", ["which"] = which, ["step"] = "vip add", ["result"] = result, ["duration_ms"] = "12", ["detail"] = "exit 0",
        }, e.Fields);
    }

    [Theory]
    [InlineData("on_master succeeded", "on_master", "succeeded")]
    [InlineData("on_master cut after step 1 of 3", "on_master", "cut")]
    [InlineData("on_master rolled back: step 3 (service smbd start) failed: exit 1", "on_master", "rolled back")]
    [InlineData("on_backup partly failed: step 2 (umount /srv) failed: busy", "on_backup", "partly failed")]
    public void A_chain_end_has_the_chain_its_result_and_duration(string summary, string chain, string result)
    {
        var e = Journal("failoverd.chains", 304, $"group dns: {summary} (in 40 ms)", ("Group", "dns"), ("Summary", summary), ("Milliseconds", 40L));

        Assert.Equal((JournalKinds.Chain, chain, result, "40"), (e.Kind, e.Fields["chain"], e.Fields["result"], e.Fields["duration_ms"]));
    }

    [Theory]
    [InlineData("failoverd.admin", 500, "admin", "requested")]
    [InlineData("failoverd.admin", 501, "admin", "refused")]
    [InlineData("failoverd.sync", 1214, "admin", "requested")]
    [InlineData("failoverd.sync", 1210, "sync", "ok")]
    [InlineData("failoverd.sync", 1211, "sync", "failed")]
    [InlineData("failoverd.mail", 801, "mail", "raised")]
    [InlineData("failoverd.mail", 802, "mail", "sent")]
    [InlineData("failoverd.mail", 803, "mail", "deferred")]
    [InlineData("failoverd.mail", 804, "mail", "failed")]
    [InlineData("failoverd.chains", 300, "chain", "started")]
    [InlineData("failoverd.peer", 702, "peer", "reachable")]
    [InlineData("failoverd.peer", 703, "peer", "not heard")]
    [InlineData("failoverd.splitbrain", 723, "split-brain", "recovered")]
    [InlineData("failoverd.rules", 710, "decision", "ok")]
    [InlineData("failoverd", 100, "daemon", "started")]
    [InlineData("failoverd", 102, "daemon", "stopped")]
    public void Events_with_a_fixed_result_carry_it(string category, int eventId, string kind, string result)
    {
        var e = Journal(category, eventId, "text");

        Assert.Equal((kind, result), (e.Kind, e.Fields["result"]));
    }

    [Fact]
    public void An_admin_command_names_the_command_and_the_caller()
    {
        var e = Journal("failoverd.admin", 500, "admin: release of group dns requested by root (uid 0, pid 7)",
            ("Command", "release"), ("Group", "dns"), ("Caller", "root (uid 0, pid 7)"));

        Assert.Equal((JournalKinds.Admin, "dns", "admin: release of group dns requested by root (uid 0, pid 7)"), (e.Kind, e.Group, e.Text));
        Assert.Equal(new Dictionary<string, string> { ["command"] = "release", ["caller"] = "root (uid 0, pid 7)", ["result"] = "requested" }, e.Fields);
    }

    [Fact]
    public void A_probe_change_has_probe_from_to_and_reason()
    {
        var e = Journal("failoverd.probes", 600, "group dns: probe resolver (dns) UP -> DOWN: timeout",
            ("Group", "dns"), ("Probe", "resolver"), ("Kind", "dns"), ("From", "UP"), ("To", "DOWN"), ("Reason", "timeout"));

        Assert.Equal((JournalKinds.Probe, "probe resolver (dns) UP -> DOWN: timeout"), (e.Kind, e.Text));
        Assert.Equal(new Dictionary<string, string> { ["probe"] = "resolver", ["probe_kind"] = "dns", ["from"] = "UP", ["to"] = "DOWN", ["reason"] = "timeout" }, e.Fields);
    }

    [Fact]
    public void A_sync_keeps_its_group_and_has_duration_and_reason()
    {
        var e = Journal("failoverd.sync", 1210, "sync dns: pushed 2 changes to root@peer in 90 ms (schedule)",
            ("Group", "dns"), ("Changes", 2), ("Target", "root@peer"), ("TookMs", 90L), ("Reason", "schedule"));

        Assert.Equal(("dns", "pushed 2 changes to root@peer in 90 ms (schedule)"), (e.Group, e.Text));
        Assert.Equal(("2", "90", "schedule"), (e.Fields["changes"], e.Fields["duration_ms"], e.Fields["reason"]));
    }

    [Fact]
    public void The_same_event_id_of_another_category_is_another_event()
    {
        // failoverd.peer's 700 is the channel starting; failoverd.rules' 700 a verdict.
        Assert.Equal(JournalKinds.Peer, JournalRoutes.For("failoverd.peer", 700)!.Kind);
        Assert.Equal(JournalKinds.Decision, JournalRoutes.For("failoverd.rules", 700)!.Kind);
    }

    [Theory]
    [InlineData("failoverd.group", 201)]  // rejected advert: can repeat per packet
    [InlineData("failoverd.chains", 302)] // a step's output lines
    [InlineData("failoverd.sync", 1212)]  // each changed file
    [InlineData("failoverd.peer", 701)]   // reconnect attempts
    [InlineData("failoverd.journal", 900)]
    [InlineData("failoverd.remote", 1200)]
    public void Chatter_is_not_journaled(string category, int eventId)
    {
        using var journal = _dir.Open();
        using var provider = new JournalLoggerProvider(journal);

        provider.CreateLogger(category).Log(LogLevel.Warning, new EventId(eventId), "x", null, (s, _) => s);

        Assert.Empty(journal.Read());
    }

    [Fact]
    public void Every_route_names_a_documented_kind()
    {
        var kinds = typeof(JournalKinds).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        foreach (var (category, eventId) in JournalRoutes.All)
            Assert.Contains(JournalRoutes.For(category, eventId)!.Kind, kinds);
    }

    [Fact]
    public void Nothing_is_journaled_before_the_journal_is_attached()
    {
        using var journal = _dir.Open();
        using var provider = new JournalLoggerProvider();
        var logger = provider.CreateLogger("failoverd");
        logger.Log(LogLevel.Information, new EventId(100), "early", null, (s, _) => s);
        provider.Attach(journal);
        logger.Log(LogLevel.Information, new EventId(102), "stopped", null, (s, _) => s);

        Assert.Equal(["stopped"], journal.Read().Select(e => e.Text));
    }
}
