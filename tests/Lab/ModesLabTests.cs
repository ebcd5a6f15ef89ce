using System.Text.Json;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>failoverctl standby, maintenance and a kept takeover on a real failoverd pair, across restarts.</summary>
public sealed class ModesLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);

    private static async Task<(FailoverdNode N1, FailoverdNode N2)> StartPair(NetLab lab, LabGroup first, LabGroup second)
    {
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), first);
        await n1.WaitForState(CarpState.Master, Election);
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), second);
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip() && n2.State == CarpState.Backup,
            TimeSpan.FromSeconds(2), Election, "n1 master holding the VIP, n2 backup");
        return (n1, n2);
    }

    /// <summary>failoverd again on the same node, config and state_dir (the old process has stopped).</summary>
    private static async Task<FailoverdNode> Restart(NetLab lab, FailoverdNode node, LabGroup group)
    {
        await node.Stop();
        var again = FailoverdNode.Start(lab, node.Node, group);
        await again.Process.WaitForLine(l => l.Contains("group web: INIT -> BACKUP"), "INIT -> BACKUP", Election);
        return again;
    }

    private static void Succeeds(ExecResult result, ITestOutputHelper output)
    {
        output.WriteLine(result.StdOut + result.StdErr);
        Assert.True(result.Succeeded, $"exit {result.ExitCode}: {result.StdErr}");
    }

    [LabFact]
    public async Task Standby_hands_the_vip_over_holds_across_a_restart_and_off_lets_the_node_preempt_again()
    {
        await using var lab = new NetLab(output.WriteLine);
        var preferred = new LabGroup { Preempt = true };
        var (n1, n2) = await StartPair(lab, preferred, new LabGroup { AdvSkew = 50, Preempt = true });

        var mark = n2.Process.LineCount;
        Succeeds(n1.Ctl("standby", "on"), output);
        await n2.WaitForState(CarpState.Master, Election, mark);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(2), Election, "n2 holds the VIP, n1 not");
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("admin: standby on (this node), set by root (uid 0, pid "));
        // To the alert outbox (logged, as this lab has no mail: section): one alert for the node.
        Assert.Single(n1.Process.Lines, l => l.Text.Contains("alert: standby on (n1, by root (uid 0, pid "));
        var table = n1.Ctl("status");
        Assert.Contains("MODE: standby (set by root (uid 0, pid ", table.StdOut);
        Assert.False(n1.Ctl("takeover", "web").Succeeded);

        // Restarted in standby, n1 (advskew 0, preempt) hears the worse n2 and would preempt at once: it must not.
        n1 = await Restart(lab, n1, preferred);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(6), Election, "n2 keeps the VIP after n1's restart");
        Assert.DoesNotContain(n1.Process.Lines, l => l.Text.Contains("-> MASTER"));
        using (var status = n1.Status())
            Assert.StartsWith("root (uid 0, pid ", status.RootElement.GetProperty("standby").GetProperty("set_by").GetString());

        var n1Mark = n1.Process.LineCount;
        Succeeds(n1.Ctl("standby", "off"), output);
        await n1.WaitForState(CarpState.Master, Election, n1Mark);
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip(), TimeSpan.FromSeconds(2), Election, "n1 preempted back");
        using (var status = n1.Status())
            Assert.False(status.RootElement.TryGetProperty("standby", out _));
    }

    [LabFact]
    public async Task Maintenance_on_the_master_keeps_it_master_through_a_demoting_rule_and_off_acts_on_it()
    {
        await using var lab = new NetLab(output.WriteLine);
        var healthy = lab.WriteFile("svc-healthy", "");
        const string when = "state == master and probe.svc == down";
        var (n1, n2) = await StartPair(lab, new LabGroup
        {
            Monitors = [$"{{ name: svc, exec: {{ argv: [/bin/sh, -c, \"test -e {healthy} || exit 2\"] }}, interval: 500ms, timeout: 3s, fall: 2, rise: 1 }}"],
            Rules = [$"{{ name: svc-down, when: \"{when}\", then: [demote] }}"],
        }, new LabGroup { AdvSkew = 50 });
        await ProbeChange.WaitFor(n1, "svc", "UP", Election);

        Succeeds(n1.Ctl("maintenance", "on"), output);
        var mark = n1.Process.LineCount;
        var n2Mark = n2.Process.LineCount;
        File.Delete(healthy);
        await n1.Process.WaitForLine(l => l.Contains("rule svc-down fired"), "the rule fired", Election, mark);
        await n1.Process.WaitForLine(l => l.Contains($"group web: maintenance: would have gone BACKUP (not eligible: rule svc-down: {when}); nothing done"),
            "the withheld bow-out", Election, mark);
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip(), TimeSpan.FromSeconds(5), Election, "n1 keeps the VIP in maintenance");
        Assert.DoesNotContain(n1.Process.Lines.Skip(mark), l => l.Text.Contains("-> BACKUP") || l.Text.Contains("on_backup"));
        Assert.DoesNotContain(n2.Process.Lines.Skip(n2Mark), l => l.Text.Contains("-> MASTER"));
        using (var status = n1.Status())
        {
            Assert.StartsWith("root (uid 0, pid ", status.RootElement.GetProperty("maintenance").GetProperty("set_by").GetString());
            var group = status.RootElement.GetProperty("groups")[0];
            Assert.Equal("MASTER", group.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Object, group.GetProperty("maintenance").ValueKind);
        }
        Assert.Contains("MODE: maintenance (set by root (uid 0, pid ", n1.Ctl("status").StdOut);

        Succeeds(n1.Ctl("maintenance", "off"), output);
        await n2.WaitForState(CarpState.Master, Election, n2Mark);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(2), Election, "n2 holds the VIP after maintenance");
        Assert.Contains(n1.Process.Lines.Skip(mark), l => l.Text.Contains($"group web: MASTER -> BACKUP (not eligible: rule svc-down: {when})"));
    }

    [LabFact]
    public async Task A_backup_in_maintenance_does_not_take_over_from_a_stopped_master_until_maintenance_ends()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = await StartPair(lab, new LabGroup(), new LabGroup { AdvSkew = 50 });

        Succeeds(n2.Ctl("maintenance", "on", "web"), output);
        var mark = n2.Process.LineCount;
        await n1.Stop();
        await n2.Process.WaitForLine(l => l.Contains("group web: maintenance: would have gone MASTER (master 192.0.2.1 bowed out"),
            "the withheld takeover", Election, mark);
        await Task.Delay(TimeSpan.FromSeconds(5)); // beyond the 3.2 s master-down interval
        Assert.False(n2.HoldsVip());
        Assert.DoesNotContain(n2.Process.Lines.Skip(mark), l => l.Text.Contains("-> MASTER"));
        Assert.Contains("  MODE         maintenance (set by root (uid 0, pid ", n2.Ctl("status").StdOut);

        Succeeds(n2.Ctl("maintenance", "off", "web"), output);
        var promoted = await n2.WaitForState(CarpState.Master, Election, mark);
        Assert.Contains("(withheld during maintenance)", promoted.Text);
        await Poll.Until(n2.HoldsVip, TimeSpan.FromSeconds(5), "n2 holds the VIP");
    }

    [LabFact]
    public async Task A_takeover_is_kept_across_a_restart_and_shown_until_cleared()
    {
        await using var lab = new NetLab(output.WriteLine);
        var second = new LabGroup { AdvSkew = 50 };
        var (n1, n2) = await StartPair(lab, new LabGroup { AdvSkew = 10 }, second);

        var mark = n2.Process.LineCount;
        Succeeds(n2.Ctl("takeover", "web"), output);
        await n2.WaitForState(CarpState.Master, Election, mark);

        n2 = await Restart(lab, n2, second);
        // Kept: the restarted n2 advertises advskew 0 and preempts n1 (advskew 10) again.
        await n2.WaitForState(CarpState.Master, Election);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(2), Election, "n2 holds the VIP after its restart");
        Assert.Contains(n2.Process.Lines, l => l.Text.Contains("group web: admin preference taken-over kept from before the restart (set by root (uid 0, pid "));
        using (var status = n2.Status())
        {
            var group = status.RootElement.GetProperty("groups")[0];
            Assert.Equal("taken-over", group.GetProperty("preference").GetString());
            Assert.StartsWith("root (uid 0, pid ", group.GetProperty("preference_set").GetProperty("set_by").GetString());
        }
        Assert.Matches(@"admin +taken-over \(set by root \(uid 0, pid \d+\) at ", n2.Ctl("status").StdOut);

        Succeeds(n2.Ctl("clear", "web"), output);
        using (var status = n2.Status())
        {
            var group = status.RootElement.GetProperty("groups")[0];
            Assert.Equal("none", group.GetProperty("preference").GetString());
            Assert.False(group.TryGetProperty("preference_set", out _));
        }
        Assert.DoesNotContain("\"web\"", File.ReadAllText(Path.Combine(lab.WorkDirectory, "n2-state", "modes.json")));
    }

    [LabFact]
    public async Task A_node_whose_modes_file_is_corrupt_starts_in_standby_and_never_takes_over_alone()
    {
        await using var lab = new NetLab(output.WriteLine);
        var state = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, "n1-state")).FullName;
        File.WriteAllText(Path.Combine(state, "modes.json"), "{\"version\": 1, \"standby\": nul");

        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup());
        await n1.Process.WaitForLine(l => l.Contains("group web: INIT -> BACKUP"), "INIT -> BACKUP", Election);
        await Poll.UntilSteady(() => !n1.HoldsVip(), TimeSpan.FromSeconds(6), Election, "n1 alone, in standby, stays backup");

        Assert.DoesNotContain(n1.Process.Lines, l => l.Text.Contains("-> MASTER"));
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("modes: ") && l.Text.Contains("modes.json: ") && l.Text.EndsWith(": starting in standby"));
        using (var status = n1.Status())
            Assert.Equal("failoverd (modes.json unreadable at start)", status.RootElement.GetProperty("standby").GetProperty("set_by").GetString());
        Assert.True(File.Exists(Path.Combine(state, "modes.json.corrupt")));

        Succeeds(n1.Ctl("standby", "off"), output);
        await n1.WaitForState(CarpState.Master, Election);
    }
}
