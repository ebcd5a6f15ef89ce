namespace Failover.Daemon.Journal;

/// <summary>
/// Which logged events are journaled, by logger category and EventId (ids repeat across categories: failoverd.peer's
/// 700 is not failoverd.rules' 700). What is left out is chatter: rejected adverts, step output lines, per-file sync
/// changes, peer reconnect attempts, resync progress, ssh command lines.
/// </summary>
public static class JournalRoutes
{
    private static readonly Dictionary<(string Category, int EventId), JournalRoute> Table = new()
    {
        [("failoverd", 100)] = JournalRoute.Of(JournalKinds.Daemon, ("result", "started")),
        [("failoverd", 101)] = JournalRoute.Of(JournalKinds.Daemon, ("result", "start failed")),
        [("failoverd", 102)] = JournalRoute.Of(JournalKinds.Daemon, ("result", "stopped")),

        [("failoverd.group", 200)] = JournalRoute.Of(JournalKinds.Transition),
        [("failoverd.group", 202)] = JournalRoute.Of(JournalKinds.Link),
        [("failoverd.group", 206)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "hold")),
        [("failoverd.group", 207)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "hold ended")),

        [("failoverd.chains", 300)] = JournalRoute.Of(JournalKinds.Chain, ("result", "started")),
        [("failoverd.chains", 301)] = new(JournalKinds.ChainStep, Refine: ChainStepResult),
        [("failoverd.chains", 303)] = JournalRoute.Of(JournalKinds.Chain, ("result", "rolling back")),
        [("failoverd.chains", 304)] = new(JournalKinds.Chain, Refine: ChainSummary),
        [("failoverd.chains", 305)] = JournalRoute.Of(JournalKinds.Chain, ("result", "cut")),
        [("failoverd.chains", 306)] = JournalRoute.Of(JournalKinds.Chain, ("result", "dropped")),

        [("failoverd.probes", 600)] = JournalRoute.Of(JournalKinds.Probe),

        [("failoverd.rules", 700)] = JournalRoute.Of(JournalKinds.Decision),
        [("failoverd.rules", 701)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "may be MASTER")),
        [("failoverd.rules", 702)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "rule fired")),
        [("failoverd.rules", 704)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "rule stopped firing")),
        [("failoverd.rules", 705)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "link lost, not in sync")),
        [("failoverd.rules", 706)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "in sync again")),
        [("failoverd.rules", 707)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "hold-down cleared")),
        [("failoverd.rules", 708)] = JournalRoute.Of(JournalKinds.Decision, ("verdict", "evaluation failed")),
        [("failoverd.rules", 710)] = JournalRoute.Of(JournalKinds.Decision, ("result", "ok")),
        [("failoverd.rules", 711)] = JournalRoute.Of(JournalKinds.Decision, ("result", "failed")),
        [("failoverd.rules", 712)] = JournalRoute.Of(JournalKinds.Decision, ("result", "not carried out")),
        [("failoverd.rules", 713)] = JournalRoute.Of(JournalKinds.Decision, ("decision", "notify"), ("result", "logged only")),
        [("failoverd.rules", 714)] = JournalRoute.Of(JournalKinds.Decision, ("decision", "notify"), ("result", "mailed")),

        [("failoverd.admin", 500)] = JournalRoute.Of(JournalKinds.Admin, ("result", "requested")),
        [("failoverd.admin", 501)] = JournalRoute.Of(JournalKinds.Admin, ("result", "refused")),
        [("failoverd.admin", 523)] = JournalRoute.Of(JournalKinds.Admin, ("command", "preference kept"), ("result", "restored")),
        [("failoverd.control", 401)] = JournalRoute.Of(JournalKinds.Admin, ("command", "connect"), ("result", "refused")),
        [("failoverd.sync", 1214)] = JournalRoute.Of(JournalKinds.Admin, ("command", "sync"), ("result", "requested")),

        [("failoverd.sync", 1210)] = JournalRoute.Of(JournalKinds.Sync, ("result", "ok")),
        [("failoverd.sync", 1211)] = JournalRoute.Of(JournalKinds.Sync, ("result", "failed")),
        [("failoverd.sync", 1213)] = JournalRoute.Of(JournalKinds.Sync, ("result", "cancelled")),

        [("failoverd.mail", 801)] = JournalRoute.Of(JournalKinds.Mail, ("result", "raised")), // mailed when mail: is configured
        [("failoverd.mail", 802)] = JournalRoute.Of(JournalKinds.Mail, ("result", "sent")),
        [("failoverd.mail", 803)] = JournalRoute.Of(JournalKinds.Mail, ("result", "deferred")),
        [("failoverd.mail", 804)] = JournalRoute.Of(JournalKinds.Mail, ("result", "failed")),
        [("failoverd.mail", 805)] = JournalRoute.Of(JournalKinds.Mail, ("result", "failed")),
        [("failoverd.mail", 806)] = JournalRoute.Of(JournalKinds.Mail, ("result", "spooled")),

        [("failoverd.peer", 700)] = JournalRoute.Of(JournalKinds.Peer, ("result", "started")),
        [("failoverd.peer", 702)] = JournalRoute.Of(JournalKinds.Peer, ("result", "reachable")),
        [("failoverd.peer", 703)] = JournalRoute.Of(JournalKinds.Peer, ("result", "not heard")),

        [("failoverd.splitbrain", 720)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "planned")),
        [("failoverd.splitbrain", 721)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "step ok")),
        [("failoverd.splitbrain", 722)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "step failed")),
        [("failoverd.splitbrain", 723)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "recovered")),
        [("failoverd.splitbrain", 724)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "failed")),
        [("failoverd.splitbrain", 726)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "resynced")),
        [("failoverd.splitbrain", 727)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "nothing runs")),
        [("failoverd.splitbrain", 728)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "left to peer")),
        [("failoverd.splitbrain", 729)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "refused")),
        [("failoverd.splitbrain", 730)] = JournalRoute.Of(JournalKinds.SplitBrain, ("result", "not recorded")),
    };

    private static readonly HashSet<string> Categories = Table.Keys.Select(k => k.Category).ToHashSet();

    public static IEnumerable<(string Category, int EventId)> All => Table.Keys;

    public static JournalRoute? For(string category, int eventId) => Table.GetValueOrDefault((category, eventId));

    public static bool Covers(string category) => Categories.Contains(category);

    /// <summary>ChainRunner logs "ok", "FAILED", "TIMED OUT" or "superseded"; the journal says ok, failed, timeout, superseded, or undone
    /// for an undo step that worked ({Which} "undo of step 3").</summary>
    private static void ChainStepResult(Dictionary<string, string> fields)
    {
        var word = fields.GetValueOrDefault("result") ?? "";
        var undo = fields.GetValueOrDefault("which")?.StartsWith("undo", StringComparison.Ordinal) == true;
        fields["result"] = word switch
        {
            "ok" => undo ? "undone" : "ok",
            "TIMED OUT" => "timeout",
            "superseded" => "superseded",
            _ => "failed",
        };
    }

    /// <summary>The chain's name and outcome from ChainResult.Summary(): "on_master rolled back: step 3 (…) failed: …".</summary>
    private static void ChainSummary(Dictionary<string, string> fields)
    {
        var summary = fields.GetValueOrDefault("summary") ?? "";
        var space = summary.IndexOf(' ');
        if (space < 0)
            return;
        fields["chain"] = summary[..space];
        var rest = summary[(space + 1)..];
        foreach (var outcome in (ReadOnlySpan<string>)["succeeded", "cut", "rolled back", "partly failed"])
        {
            if (rest.StartsWith(outcome, StringComparison.Ordinal))
                fields["result"] = outcome;
        }
    }
}
