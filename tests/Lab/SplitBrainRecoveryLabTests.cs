using System.Text;
using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Split-brain recovery between two failoverd over a simulated DRBD pair (tests/Lab/Sim/drbdadm-pair: these machines
/// have no DRBD module), with the simulated data checked for which side survives. Each node runs a real sshd (with a
/// test key and known_hosts in the lab's work directory), and each failoverd's ssh: section points at its peer's: the
/// recovery's commands on the peer go over ssh and so run in the peer's namespace, where the one drbdadm and systemctl
/// path (SamePath) picks that node's simulation.
/// </summary>
public sealed class SplitBrainRecoveryLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private sealed record Pair(NetLab Lab, SimulatedDrbdPair Drbd, LabNode N1, LabNode N2, SmtpSink Sink,
        SimulatedSystemctl Systemctl1, SimulatedSystemctl Systemctl2, string Drbdadm, string Systemctl,
        IReadOnlyDictionary<LabNode, SshServer> Sshd);

    private static async Task<Pair> Build(NetLab lab)
    {
        var sink = await SmtpSink.Start(lab, lab.AddNode("mx", "192.0.2.25/24"));
        var n1 = lab.AddNode("n1", "192.0.2.1/24");
        var n2 = lab.AddNode("n2", "192.0.2.2/24");
        var drbd = SimulatedDrbdPair.Create(lab, "r0", n1, n2);
        var systemctl1 = SimulatedSystemctl.Create(lab, n1);
        var systemctl2 = SimulatedSystemctl.Create(lab, n2);
        foreach (var systemctl in new[] { systemctl1, systemctl2 })
        {
            systemctl.Define("smbd", ["/bin/sleep", "3600"]);
            Assert.True(lab.Exec(systemctl.Node, systemctl.Path, "start", "smbd").Succeeded);
        }
        // One path on both nodes, as /sbin/drbdadm is: the plan names the same command for either side.
        var drbdadm = SamePath.Create(lab, "drbdadm", new Dictionary<LabNode, string> { [n1] = drbd.Drbdadm(n1), [n2] = drbd.Drbdadm(n2) });
        var systemctlPath = SamePath.Create(lab, "systemctl", new Dictionary<LabNode, string> { [n1] = systemctl1.Path, [n2] = systemctl2.Path });
        var sshd = new Dictionary<LabNode, SshServer> { [n1] = await SshServer.Start(lab, n1), [n2] = await SshServer.Start(lab, n2) };
        return new Pair(lab, drbd, n1, n2, sink, systemctl1, systemctl2, drbdadm, systemctlPath, sshd);
    }

    private static LabGroup Group(Pair pair, LabNode node, byte advskew) => new()
    {
        AdvSkew = advskew,
        Monitors = [$"{{ name: disks, drbd: {{ resources: [r0], source: events2, command: [{pair.Drbd.Drbdsetup(node)}, events2, all] }}, interval: 2s, timeout: 3s, rise: 1, fall: 1 }}"],
    };

    private static FailoverdNode Start(Pair pair, LabNode node, LabNode peer, byte advskew, string splitBrain)
    {
        var group = Group(pair, node, advskew);
        var peerSshd = pair.Sshd[peer];
        // A MASTER victim releases the group with failoverctl on its own control socket (not ours: the lab's differ).
        var failoverctl = BuildOutput.Find("failoverctl", "src/Ctl", "FAILOVERCTL");
        var peerSocket = Path.Combine(pair.Lab.WorkDirectory, $"{peer.Name}.sock");
        return FailoverdNode.Start(pair.Lab, node, group, (socket, state) =>
            FailoverdConfig.Render(node.Name, socket, state, group)
            + $"    split_brain: {{ {splitBrain}, resources: [r0], stop_services: [smbd], drbdadm: {pair.Drbdadm}, systemctl: {pair.Systemctl}, failoverctl: {failoverctl}, control_socket: {peerSocket}, timeout: 10s }}\n"
            + $"peer: {{ node: {peer.Name}, address: {peer.Address}, interval: 300ms, silence: 1500ms }}\n"
            + $"ssh: {{ identity: {peerSshd.ClientKey}, known_hosts: {peerSshd.KnownHosts}, connect_timeout: 3s, command_timeout: 10s }}\n"
            + $"mail: {{ relay: \"{pair.Sink.Endpoint}\", tls: none, from: failover@example.test, to: [ops@example.test] }}\n");
    }

    /// <summary>Both daemons up, each hearing the other with its DRBD read, then both nodes write while apart.</summary>
    /// <param name="bothPrimary">Both nodes promoted while apart (the usual split brain); false: roles as <paramref name="beforeSplit"/> left them.</param>
    private static async Task<(FailoverdNode N1, FailoverdNode N2)> SplitPair(Pair pair, string splitBrain,
        Func<FailoverdNode, FailoverdNode, Task>? beforeSplit = null, bool bothPrimary = true)
    {
        var n1 = Start(pair, pair.N1, pair.N2, 0, splitBrain);
        await n1.WaitForState(CarpState.Master, Wait);
        var n2 = Start(pair, pair.N2, pair.N1, 50, splitBrain);
        await n2.WaitForState(CarpState.Backup, Wait);
        await Until(() => HearsPeer(n1) && HearsPeer(n2), "both nodes see the peer's r0");
        if (beforeSplit is not null)
            await beforeSplit(n1, n2);

        if (bothPrimary)
            pair.Drbd.SetRole(pair.N1, "Primary");
        pair.Drbd.SplitBrain();
        if (bothPrimary)
            pair.Drbd.SetRole(pair.N2, "Primary"); // promoted while apart: both wrote
        pair.Drbd.Write(pair.N1, "n1's writes while apart");
        pair.Drbd.Write(pair.N2, "n2's writes while apart");
        return (n1, n2);
    }

    private static bool HearsPeer(FailoverdNode node) => SplitStatus(node) is { } s && s.TryGetProperty("peer", out var p) && p.ValueKind == JsonValueKind.String;

    private static JsonElement? SplitStatus(FailoverdNode node)
    {
        var result = node.Ctl("splitbrain", "status", "--json");
        if (!result.Succeeded)
            return null;
        using var json = JsonDocument.Parse(result.StdOut);
        return json.RootElement[0].Clone();
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not within {Wait.TotalSeconds} s: {what}");
            await Task.Delay(200);
        }
    }

    [LabFact]
    public async Task Survivor_policy_discards_the_other_nodes_data_mails_first_and_reports_the_resync()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await Build(lab);
        var (n1, n2) = await SplitPair(pair, "policy: survivor, survivor: n1");

        var planMail = await pair.Sink.WaitFor("web: split brain on r0: discarding the data of n2 (n1)", Wait);
        var ran = await n1.Process.WaitForLine(l => l.Contains("split brain recovery of r0: r0: all 6 commands ran"), "the plan run", Wait);

        Assert.Equal("n1's writes while apart", pair.Drbd.Data(pair.N2)); // the survivor's data survived on both
        Assert.Equal("n1's writes while apart", pair.Drbd.Data(pair.N1));
        Assert.False(pair.Drbd.IsSplit);
        Assert.Equal(["disconnect r0", "secondary r0", "connect --discard-my-data r0"], pair.Drbd.Calls(pair.N2));
        Assert.Equal(["disconnect r0", "connect r0"], pair.Drbd.Calls(pair.N1));
        Assert.Equal(["start smbd", "stop smbd"], pair.Systemctl2.Calls());
        Assert.Equal(["start smbd"], pair.Systemctl1.Calls());
        Assert.False(pair.Systemctl2.IsActive("smbd"));
        Assert.Contains("Why n2: n1 is the configured survivor.", planMail);
        // The plan mail was queued before the first command ran.
        var planned = n1.Process.Lines.First(l => l.Text.Contains("discarding the data of n2, keeping n1's"));
        var firstStep = n1.Process.Lines.First(l => l.Text.Contains("split brain recovery of r0: on n2: "));
        Assert.True(planned.Index < firstStep.Index);
        Assert.DoesNotContain(n2.Process.Lines, l => l.Text.Contains("split brain recovery of r0: on "));
        // n2's steps came over ssh: n2's sshd let n1's key in.
        Assert.Contains(pair.Sshd[pair.N2].Process.Lines, l => l.Text.Contains("Accepted publickey for root from 192.0.2.1"));

        // The resync, followed and reported; the victim may not become MASTER meanwhile.
        pair.Drbd.Resync(pair.N1, pair.N2, 47.5);
        await Until(() => SplitStatus(n1) is { } s && s.TryGetProperty("resync_percent", out var p) && p.GetDouble() == 47.5, "n1's status shows 47.5%");
        var text = n1.Ctl("splitbrain", "status", "web");
        output.WriteLine(text.StdOut);
        Assert.Contains("  resync 47.5%", text.StdOut);
        Assert.Contains("(policy survivor, recovery resyncing)", text.StdOut);
        // n2 reads its own stream: it may see the resync a moment after n1 reported it.
        await Until(() => n2.Ctl("explain", "web").StdOut.Contains("r0 disk is Inconsistent"), "n2's explain names its Inconsistent disk");
        pair.Drbd.EndResync();
        var doneMail = await pair.Sink.WaitFor("web: r0 resynced after the split brain: both disks UpToDate (n1)", Wait);
        await Until(() => SplitStatus(n1)?.GetProperty("phase").GetString() == "idle", "n1 back to idle");
        Assert.StartsWith("resolved: n2's data discarded", SplitStatus(n1)!.Value.GetProperty("last_result").GetString());

        Assert.True(ran.Index > 0);
        Record(n1, planMail, doneMail, pair);
    }

    [LabFact]
    public async Task Drbd_84_syntax_runs_the_84_sequence()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await Build(lab);
        var (n1, _) = await SplitPair(pair, "policy: survivor, survivor: n1, drbd_version: 8.4");

        await n1.Process.WaitForLine(l => l.Contains("split brain recovery of r0: r0: all 4 commands ran"), "the plan run", Wait);

        // Both StandAlone: no disconnect on the victim; the survivor connects.
        Assert.Equal(["secondary r0", "-- --discard-my-data connect r0"], pair.Drbd.Calls(pair.N2));
        Assert.Equal(["connect r0"], pair.Drbd.Calls(pair.N1));
        Assert.Equal("n1's writes while apart", pair.Drbd.Data(pair.N2));
    }

    [LabFact]
    public async Task Last_primary_keeps_the_data_of_the_node_primary_most_recently_and_runs_there()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await Build(lab);
        var (n1, n2) = await SplitPair(pair, "policy: last_primary", async (n1, n2) =>
        {
            // n1 Primary first, then n2 (each failoverd records its own time), then both Secondary.
            pair.Drbd.SetRole(pair.N1, "Primary");
            await Until(() => File.Exists(Path.Combine(lab.WorkDirectory, "n1-state", "drbd-last-primary")), "n1 records its Primary time");
            pair.Drbd.SetRole(pair.N1, "Secondary");
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            pair.Drbd.SetRole(pair.N2, "Primary");
            await Until(() => File.Exists(Path.Combine(lab.WorkDirectory, "n2-state", "drbd-last-primary")), "n2 records its Primary time");
            pair.Drbd.SetRole(pair.N2, "Secondary");
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the role changes reach the peer over the channel
        }, bothPrimary: false);

        var planMail = await pair.Sink.WaitFor("web: split brain on r0: discarding the data of n1 (n2)", Wait);
        await n2.Process.WaitForLine(l => l.Contains("split brain recovery of r0: r0: all 7 commands ran"), "the plan run on n2", Wait);

        // n1, the victim, was MASTER: its first step released the group, so the VIPs went to n2, the survivor.
        Assert.Contains(n2.Process.Lines, l => l.Text.Contains("split brain recovery of r0: on n1: ") && l.Text.Contains($" --socket {n1.SocketPath} release web"));
        await n1.WaitForState(CarpState.Backup, Wait);
        await n2.WaitForState(CarpState.Master, Wait);
        var release = n2.Process.Lines.First(l => l.Text.Contains("split brain recovery of r0: on n1: ") && l.Text.Contains(" release web")).Index;
        var stop = n2.Process.Lines.First(l => l.Text.Contains("split brain recovery of r0: on n1: ") && l.Text.Contains(" stop smbd")).Index;
        Assert.True(release < stop, "the release runs before n1's services stop");
        Assert.Contains("undo with: failoverctl clear web", n1.Ctl("status").StdOut);

        output.WriteLine(planMail);
        Assert.Contains($"  after the resync, on n1: {BuildOutput.Find("failoverctl", "src/Ctl", "FAILOVERCTL")} --socket {n1.SocketPath} clear web", planMail);
        Assert.Matches(@"Why n1: n2 was Primary last \(at [0-9-]+ [0-9:]+ UTC; n1 at [0-9-]+ [0-9:]+ UTC\)\.", planMail);
        Assert.Equal("n2's writes while apart", pair.Drbd.Data(pair.N1));
        Assert.Equal(["disconnect r0", "secondary r0", "connect --discard-my-data r0"], pair.Drbd.Calls(pair.N1));
        Assert.Equal(["disconnect r0", "connect r0"], pair.Drbd.Calls(pair.N2));
        Assert.False(pair.Systemctl1.IsActive("smbd"));
        Assert.DoesNotContain(n1.Process.Lines, l => l.Text.Contains("split brain recovery of r0: on "));

        // Once both disks are UpToDate the release is cleared on n1: no preference is left behind.
        pair.Drbd.EndResync();
        await n2.Process.WaitForLine(l => l.Contains("split brain recovery of r0: after the resync: on n1: ") && l.Contains(" clear web"), "the clear on n1", Wait);
        await Until(() => !n1.Ctl("status").StdOut.Contains("undo with: failoverctl clear"), "n1's release cleared");
        Assert.Equal(CarpState.Master, n2.State);
    }

    [LabFact]
    public async Task Manual_policy_runs_nothing_until_resolve_and_a_dry_run_changes_nothing()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await Build(lab);
        var (n1, _) = await SplitPair(pair, "policy: manual");
        await Until(() => SplitStatus(n1)?.GetProperty("split").GetBoolean() == true, "n1 sees the split");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Empty(pair.Drbd.Calls(pair.N1));
        Assert.Empty(pair.Drbd.Calls(pair.N2));
        Assert.StartsWith("policy manual", SplitStatus(n1)!.Value.GetProperty("reason").GetString());

        var dry = n1.Ctl("splitbrain", "resolve", "web", "--discard", "n2", "--dry-run");
        output.WriteLine(dry.StdOut);
        Assert.True(dry.Succeeded, dry.StdErr);
        Assert.Equal($"""
            dry run, nothing runs: r0: discard the data of n2, keep n1's (an admin chose to discard n2's data)
              on n2: {pair.Systemctl} stop smbd
              on n2: {pair.Drbdadm} disconnect r0
              on n2: {pair.Drbdadm} secondary r0
              on n2: {pair.Drbdadm} connect --discard-my-data r0
              on n1: {pair.Drbdadm} disconnect r0
              on n1: {pair.Drbdadm} connect r0

            """, dry.StdOut);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(pair.Drbd.Calls(pair.N2));
        Assert.Equal("n2's writes while apart", pair.Drbd.Data(pair.N2));
        Assert.True(pair.Systemctl2.IsActive("smbd"));
        Assert.Empty(pair.Sink.WithSubject("discarding"));

        var run = n1.Ctl("splitbrain", "resolve", "web", "--discard", "n2");
        Assert.True(run.Succeeded, run.StdErr);
        await pair.Sink.WaitFor("web: split brain on r0: discarding the data of n2 (n1)", Wait);
        await n1.Process.WaitForLine(l => l.Contains("split brain recovery of r0: r0: all 6 commands ran"), "the plan run", Wait);
        Assert.Equal("n1's writes while apart", pair.Drbd.Data(pair.N2));
    }

    [LabFact]
    public async Task Nothing_runs_while_the_peer_is_unreachable_and_status_says_why()
    {
        await using var lab = new NetLab(output.WriteLine);
        var pair = await Build(lab);
        var (n1, _) = await SplitPair(pair, "policy: survivor, survivor: n1", async (n1, n2) =>
        {
            await n2.Stop();
            await Until(() => SplitStatus(n1) is { } s && !s.TryGetProperty("peer", out _), "n1 no longer hears n2");
        });
        await Until(() => SplitStatus(n1)?.GetProperty("split").GetBoolean() == true, "n1 sees the split");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Empty(pair.Drbd.Calls(pair.N1));
        Assert.Empty(pair.Drbd.Calls(pair.N2));
        Assert.Equal("n2's writes while apart", pair.Drbd.Data(pair.N2));
        Assert.Empty(pair.Sink.WithSubject("discarding"));
        var text = n1.Ctl("splitbrain", "status");
        output.WriteLine(text.StdOut);
        Assert.Contains("  peer   unreachable (peer channel down)", text.StdOut);
        Assert.Contains("  plan   none: the peer n2 is unreachable (peer channel down): nothing runs", text.StdOut);
        var resolve = n1.Ctl("splitbrain", "resolve", "web", "--discard", "n2");
        Assert.False(resolve.Succeeded);
        Assert.Contains("r0: nothing runs: the peer n2 is unreachable", resolve.StdErr);
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("group web: split brain on r0: nothing runs: the peer n2 is unreachable"));
    }

    /// <summary>One recovery's log (n1, from the split to the end of the resync) and its mails, to the test output and the notes.</summary>
    private void Record(FailoverdNode n1, string planMail, string doneMail, Pair pair)
    {
        var lines = n1.Process.Lines;
        var from = lines.First(l => l.Text.Contains("split brain", StringComparison.OrdinalIgnoreCase)).Index;
        var excerpt = lines.Where(l => l.Index >= from && (l.Text.Contains("r0") || l.Text.StartsWith("  ", StringComparison.Ordinal)))
            .Select(l => l.ToString());
        var text = new StringBuilder()
            .AppendLine($"# Split-brain recovery, lab run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (tests/Lab/SplitBrainRecoveryLabTests.cs,")
            .AppendLine("# policy survivor n1; simulated DRBD 9 pair; n2's commands run over ssh to a real sshd in n2's namespace)")
            .AppendLine()
            .AppendLine("## failoverd log on n1 (lines about r0, from the split on)")
            .AppendJoin('\n', excerpt).AppendLine()
            .AppendLine()
            .AppendLine("## Data after the recovery")
            .AppendLine($"n1: {pair.Drbd.Data(pair.N1)}")
            .AppendLine($"n2: {pair.Drbd.Data(pair.N2)}")
            .AppendLine()
            .AppendLine("## Mail: the plan (sent before anything ran)")
            .AppendLine(planMail)
            .AppendLine("## Mail: resync done")
            .AppendLine(doneMail)
            .AppendLine("## Subjects of every mail of the run")
            .AppendJoin('\n', pair.Sink.Messages().Select(SmtpSink.SubjectOf)).AppendLine()
            .ToString();
        output.WriteLine(text);
        LabRecord.Save("splitbrain-recovery.txt", text, output.WriteLine);
    }
}
