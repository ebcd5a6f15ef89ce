using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>failoverd's rules on a real pair: a service that fails on the master hands the VIP to the peer.</summary>
public sealed class RuleLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);
    private const string When = "state == master and probe.svc == down";

    [LabFact]
    public async Task A_demoting_rule_hands_the_vip_to_the_peer_within_fall_times_interval_and_holds_the_node_down()
    {
        await using var lab = new NetLab(output.WriteLine);
        var healthy = lab.WriteFile("svc-healthy", "");
        // n1 is preferred (advskew 0, preempts); its service check is CRITICAL (exit 2; a plain 1 would be a healthy
        // WARNING) once the file is gone: fall 2 at 500 ms.
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Preempt = true,
            Monitors = [$"{{ name: svc, exec: {{ argv: [/bin/sh, -c, \"test -e {healthy} || exit 2\"] }}, interval: 500ms, timeout: 3s, fall: 2, rise: 1 }}"],
            Rules = [$"{{ name: svc-down, when: \"{When}\", then: [demote, {{ hold_down: 1m }}] }}"],
        });
        await n1.WaitForState(CarpState.Master, Election);
        await ProbeChange.WaitFor(n1, "svc", "UP", Election);
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup { AdvSkew = 50 });
        await n2.WaitForState(CarpState.Backup, Election);
        await Poll.Until(n1.HoldsVip, TimeSpan.FromSeconds(5), "n1 holds the VIP");

        var n2Mark = n2.Process.LineCount;
        var removed = DateTimeOffset.UtcNow;
        File.Delete(healthy);

        var fired = await n1.Process.WaitForLine(l => l.Contains("rule svc-down fired"), "the rule fired", Election);
        var takeover = await n2.WaitForState(CarpState.Master, Election, n2Mark);
        await Poll.Until(n2.HoldsVip, TimeSpan.FromSeconds(5), "n2 holds the VIP");
        var took = takeover.At - removed;
        output.WriteLine($"svc check gone -> n2 MASTER: {took.TotalMilliseconds:0} ms (fall 2 x 500 ms; the rule fired after {(fired.At - removed).TotalMilliseconds:0} ms)");
        Assert.EndsWith($"group web: rule svc-down fired: {When}; then demote, hold_down: 1m", fired.Text);
        Assert.Contains("bowed out", takeover.Text);
        // Two failed runs (the first up to one interval away) and the bow-out: well within fall x interval + 1 s,
        // with a margin for a loaded machine.
        Assert.True(took < TimeSpan.FromSeconds(3), $"n2 took over {took.TotalMilliseconds:0} ms after the check started failing");
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains($"group web: MASTER -> BACKUP (not eligible: rule svc-down: {When})"));

        // The service is back, and n1 preempts, but the hold-down keeps it backup.
        File.WriteAllText(healthy, "");
        await ProbeChange.WaitFor(n1, "svc", "UP", Election, fired.Index);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(4), Election, "n2 keeps the VIP during n1's hold-down");

        var explain = n1.Ctl("explain", "web");
        output.WriteLine(explain.StdOut);
        Assert.True(explain.Succeeded, explain.StdErr);
        Assert.Contains("  svc-down: not firing (last fired ", explain.StdOut);
        Assert.Contains($"    when  {When}", explain.StdOut);
        Assert.Contains("  may become MASTER  no", explain.StdOut);
        Assert.Contains("hold-down: set by rule svc-down", explain.StdOut);
        Assert.Matches(@"probe\.svc\s+UP", explain.StdOut);

        var json = n1.Ctl("explain", "--json");
        Assert.True(json.Succeeded, json.StdErr);
        using (var reports = System.Text.Json.JsonDocument.Parse(json.StdOut))
        {
            var report = Assert.Single(reports.RootElement.EnumerateArray());
            Assert.Equal("web", report.GetProperty("group").GetString());
            Assert.Equal("svc-down", report.GetProperty("rules")[0].GetProperty("name").GetString());
            Assert.True(report.GetProperty("rules")[0].TryGetProperty("last_fired_at", out _));
        }
        var unknown = n1.Ctl("explain", "nosuch");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no group 'nosuch' here (groups: web)", unknown.StdErr);

        using var status = n1.Status();
        var rules = status.RootElement.GetProperty("groups")[0].GetProperty("rules");
        Assert.Equal("svc-down", rules.GetProperty("hold_down_rule").GetString());
        Assert.False(rules.GetProperty("may_become_master").GetBoolean());

        // clear lifts the hold-down: n1 preempts again.
        Assert.True(n1.Ctl("clear", "web").Succeeded);
        await Poll.Until(() => n1.HoldsVip() && !n2.HoldsVip(), Election, "n1 takes the VIP back after clear");
    }

    /// <summary>A backup resyncing from its peer, as the simulated drbdsetup of Monitors.Tests dumps it.</summary>
    private const string Resyncing = """
        exists resource name:r0 role:Secondary suspended:no may_promote:no promotion_score:10101
        exists connection name:r0 peer-node-id:0 conn-name:peer connection:Connected role:Primary
        exists device name:r0 volume:0 minor:0 disk:Inconsistent client:no quorum:yes
        exists peer-device name:r0 peer-node-id:0 conn-name:peer volume:0 replication:SyncTarget peer-disk:UpToDate peer-client:no resync-suspended:no done:40.00

        """;

    [LabFact]
    public async Task A_backup_resyncing_its_drbd_disk_does_not_take_over_when_the_master_leaves_until_it_is_uptodate()
    {
        await using var lab = new NetLab(output.WriteLine);
        var dir = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, "drbd")).FullName;
        var drbdsetup = Path.Combine(dir, "drbdsetup");
        File.CreateSymbolicLink(drbdsetup, Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Monitors.Tests", "Drbd", "drbdsetup-sim"));
        File.WriteAllText(Path.Combine(dir, "state"), Resyncing.ReplaceLineEndings("\n"));

        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup());
        await n1.WaitForState(CarpState.Master, Election);
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup
        {
            AdvSkew = 50,
            Monitors = [$"{{ name: disks, drbd: {{ resources: [r0], source: events2, command: [{drbdsetup}, events2, all] }}, interval: 1s, timeout: 3s, rise: 1, fall: 1 }}"],
        });
        await n2.Process.WaitForLine(l => l.Contains("group web: probe disks (drbd) UNKNOWN -> DOWN: r0: SyncTarget"), "the resync read", Election);

        // The master leaves cleanly (a bow-out, which a backup normally answers at once): n2 stays backup.
        await n1.Stop();
        await Poll.UntilSteady(() => n2.State == CarpState.Backup && !n2.HoldsVip(), TimeSpan.FromSeconds(6), Election,
            "n2 backup without the VIP while its disk is Inconsistent");
        var why = "safety: r0 disk is Inconsistent (SyncTarget 40%)";
        Assert.Contains(n2.Process.Lines, l => l.Text.EndsWith($"group web: rules: may not become MASTER: {why}", StringComparison.Ordinal));
        using (var status = n2.Status())
            Assert.Equal(why, status.RootElement.GetProperty("groups")[0].GetProperty("ineligible").GetString());

        // The resync ends: n2 takes over (after a master-down interval).
        File.AppendAllText(Path.Combine(dir, "events"),
            "change device name:r0 volume:0 minor:0 disk:UpToDate\n"
            + "change peer-device name:r0 peer-node-id:0 conn-name:peer volume:0 replication:Established peer-disk:UpToDate\n");
        await n2.WaitForState(CarpState.Master, Election);
        await Poll.Until(n2.HoldsVip, TimeSpan.FromSeconds(5), "n2 holds the VIP");
    }
}
