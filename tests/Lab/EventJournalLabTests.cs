using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// The event journal of a real failoverd: a transition, a chain step with its duration and an admin command reach
/// `failoverctl events --json` and state_dir/events.jsonl; after kill -9 (and a line torn as by a crash mid-write)
/// the restarted daemon still reads every earlier event and continues the seq.
/// </summary>
public sealed class EventJournalLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(30);

    private sealed record Event(long Seq, string Kind, string? Group, string Text, Dictionary<string, string> Fields);

    private static List<Event> Parse(string jsonLines) => jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new Event(root.GetProperty("seq").GetInt64(), root.GetProperty("kind").GetString()!,
            root.GetProperty("group").GetString(), root.GetProperty("text").GetString()!,
            root.GetProperty("fields").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!));
    }).ToList();

    private static List<Event> Events(FailoverdNode node, params string[] options)
    {
        var result = node.Ctl(["events", "--json", .. options]);
        Assert.True(result.Succeeded, $"failoverctl events exited {result.ExitCode}: {result.StdErr}");
        return Parse(result.StdOut);
    }

    [LabFact]
    public async Task Transitions_chain_steps_and_admin_commands_are_journaled_and_survive_a_kill_9()
    {
        await using var lab = new NetLab(output.WriteLine);
        var node = lab.AddNode("n1", "192.0.2.1/24");
        var group = new LabGroup { OnMasterSteps = ["{ exec: [/bin/sleep, \"0.3\"] }"] };
        var n1 = FailoverdNode.Start(lab, node, group);
        await n1.WaitForState(CarpState.Master, Election);
        await n1.Process.WaitForLine(l => l.Contains("on_master succeeded"), "the on_master chain", Election);
        var release = n1.Ctl("release", "web");
        Assert.True(release.Succeeded, release.StdErr);

        List<Event> before = [];
        await Poll.Until(() => (before = Events(n1)).Any(e => e.Kind == "admin"), TimeSpan.FromSeconds(10), "the admin event");
        foreach (var e in before)
            output.WriteLine($"{e.Seq} {e.Kind} {e.Group} {e.Text} [{string.Join(", ", e.Fields.Select(f => $"{f.Key}={f.Value}"))}]");

        Assert.Contains(before, e => e.Kind == "daemon" && e.Fields["result"] == "started");
        var takeover = Assert.Single(before, e => e.Kind == "transition" && e.Fields["to"] == "MASTER");
        Assert.Equal(("web", "BACKUP"), (takeover.Group, takeover.Fields["from"]));
        Assert.False(string.IsNullOrEmpty(takeover.Fields["reason"]));
        var sleep = Assert.Single(before, e => e.Kind == "chain-step" && e.Fields["step"].StartsWith("exec /bin/sleep", StringComparison.Ordinal));
        Assert.Equal(("on_master", "ok"), (sleep.Fields["chain"], sleep.Fields["result"]));
        Assert.InRange(long.Parse(sleep.Fields["duration_ms"], System.Globalization.CultureInfo.InvariantCulture), 250, 30_000);
        Assert.Contains(before, e => e.Kind == "chain" && e.Fields["chain"] == "on_master" && e.Fields["result"] == "succeeded");
        var admin = Assert.Single(before, e => e.Kind == "admin");
        Assert.Equal(("web", "release", "requested"), (admin.Group, admin.Fields["command"], admin.Fields["result"]));
        Assert.StartsWith("root ", admin.Fields["caller"]);
        Assert.Equal(before.Select(e => e.Seq).Order(), before.Select(e => e.Seq));
        Assert.Equal(before.Count, before.Select(e => e.Seq).Distinct().Count());

        // The file has the same events, one JSON object a line.
        var file = Path.Combine(lab.WorkDirectory, "n1-state", "events.jsonl");
        var inFile = Parse(File.ReadAllText(file));
        Assert.Equal(before.Select(e => (e.Seq, e.Kind, e.Text)), inFile.Take(before.Count).Select(e => (e.Seq, e.Kind, e.Text)));

        // The readable form: one line per event with the group and kind.
        var table = n1.Ctl("events", "--group", "web", "--since", "1h");
        Assert.True(table.Succeeded, table.StdErr);
        output.WriteLine(table.StdOut);
        Assert.Contains(table.StdOut.Split('\n'), l => l.Contains("  web         transition   BACKUP -> MASTER", StringComparison.Ordinal));

        // kill -9, and a line torn as if the machine died in the middle of writing it.
        n1.Process.Kill();
        var lastSeq = Parse(File.ReadAllText(file)).Max(e => e.Seq);
        File.AppendAllText(file, """{"seq":999999,"at":"2026-11-21T""");

        var again = FailoverdNode.Start(lab, node, group);
        await again.Process.WaitForLine(l => l.Contains("INIT -> BACKUP") || l.Contains("INIT -> MASTER"), "the restart", Election);
        List<Event> after = [];
        await Poll.Until(() => (after = Events(again)).Any(e => e.Seq > lastSeq && e.Kind == "transition"), TimeSpan.FromSeconds(10),
            "a transition after the restart");
        foreach (var e in after.Where(e => e.Seq > lastSeq))
            output.WriteLine($"{e.Seq} {e.Kind} {e.Group} {e.Text}");

        Assert.Equal(before.Select(e => (e.Seq, e.Text)), after.Take(before.Count).Select(e => (e.Seq, e.Text)));
        Assert.Equal(after.Select(e => e.Seq).Order(), after.Select(e => e.Seq));
        Assert.DoesNotContain(after, e => e.Seq == 999999);
        Assert.Single(after, e => e.Kind == "daemon" && e.Fields["result"] == "started" && e.Seq > lastSeq);
        Assert.Equal(lastSeq + 1, after.First(e => e.Seq > lastSeq).Seq);
        Assert.Equal(lastSeq + 1, Events(again, "--since", "10m").Where(e => e.Seq > lastSeq).Min(e => e.Seq));
    }

    [LabFact]
    public async Task Follow_prints_new_events_and_carries_on_across_a_restart_of_failoverd()
    {
        await using var lab = new NetLab(output.WriteLine);
        var node = lab.AddNode("n1", "192.0.2.1/24");
        var group = new LabGroup();
        var n1 = FailoverdNode.Start(lab, node, group);
        await n1.Process.WaitForLine(l => l.Contains("INIT -> BACKUP"), "the start", Election);
        var failoverctl = BuildOutput.Find("failoverctl", "src/Ctl", "FAILOVERCTL");
        var follow = lab.Start(node, [failoverctl, "--socket", n1.SocketPath, "events", "--follow", "--json"]);
        await follow.WaitForLine(l => l.Contains("\"kind\":\"transition\"") && l.Contains("\"to\":\"BACKUP\""), "the first transition", Election);

        await n1.WaitForState(CarpState.Master, Election);
        await follow.WaitForLine(l => l.Contains("\"to\":\"MASTER\""), "the takeover, followed", Election);
        n1.Process.Kill();
        await follow.WaitForLine(l => l.Contains("still following, waiting for failoverd"), "the notice", Election);
        var mark = follow.LineCount;
        var again = FailoverdNode.Start(lab, node, group);
        await follow.WaitForLine(l => l.Contains("failoverd answers again"), "the daemon back", Election, mark);
        await follow.WaitForLine(l => l.Contains("\"result\":\"started\"") && l.Contains("\"kind\":\"daemon\""),
            "the restart's events", Election, mark);

        Assert.False(follow.HasExited, "failoverctl events --follow still runs");
        var seqs = follow.Lines.Where(l => !l.IsError).Select(l => JsonDocument.Parse(l.Text).RootElement.GetProperty("seq").GetInt64()).ToArray();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Length, seqs.Distinct().Count());
        await follow.Stop();
        Assert.Equal(0, follow.ExitCode);
        await again.Stop();
    }
}
