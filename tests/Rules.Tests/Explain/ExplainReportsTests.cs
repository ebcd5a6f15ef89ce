using System.Text.Json;
using Failover.Control;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Rules.Decisions;
using Failover.Rules.Engine;
using Failover.Rules.Explain;
using Failover.Rules.Tests.Support;

namespace Failover.Rules.Tests.Explain;

public sealed class ExplainReportsTests
{
    private static readonly Rule SlapdDown = Sample.Rule("samba-ldap-down", "state == master and (probe.smbd == down or probe.slapd == down)",
        new Demote(), new HoldDown(TimeSpan.FromHours(4)), new Notify("samba or ldap down: VIPs handed to the peer"));

    private static readonly Rule SplitBrain = Sample.Rule("split-brain", "drbd.r0.split_brain", new SplitBrainRecovery("r0"), new Notify("split brain on r0"));

    private static readonly Rule Young = Sample.Rule("settle", "since_transition < 10m and link == up", new ForbidMaster()) with { For = TimeSpan.FromSeconds(30) };

    private static ExplainReport Report()
    {
        var facts = Sample.Master().WithProbe("slapd", ServiceHealth.Down, "connection refused by 127.0.0.1:389", Sample.T0.AddSeconds(-4));
        return ExplainReports.Of(facts, RuleEngine.Evaluate(facts, [SlapdDown, SplitBrain, Young], Sample.T0));
    }

    [Fact]
    public void Facts_are_named_as_conditions_name_them()
    {
        var facts = Report().Facts.ToDictionary(f => f.Name);
        Assert.Equal("MASTER", facts["state"].Value);
        Assert.Equal("10.4.0.102", facts["master"].Value);
        Assert.Equal("up", facts["link"].Value);
        Assert.Equal(new FactReport("probe.slapd", "DOWN", "for 4s (dns): connection refused by 127.0.0.1:389"), facts["probe.slapd"]);
        Assert.Equal(new FactReport("drbd.r0", "Connected Primary/Secondary UpToDate/UpToDate"), facts["drbd.r0"]);
        Assert.Equal("1h", facts["since_transition"].Value);
        Assert.Equal("no", facts["vip_up_failed"].Value);
        Assert.Equal("none", facts["preference"].Value);
        Assert.Equal("not known", facts["peer"].Value);
        Assert.Equal("no", facts["peer.reachable"].Value);
    }

    [Fact]
    public void The_peer_facts_follow_with_their_prefix()
    {
        var facts = Sample.Master() with { Peer = Sample.Backup(), PeerReachable = true };
        var report = ExplainReports.Of(facts, RuleEngine.Evaluate(facts, [], Sample.T0));
        var names = report.Facts.Select(f => f.Name).ToList();
        Assert.Equal("yes", report.Facts.Single(f => f.Name == "peer.reachable").Value);
        Assert.Contains("peer.state", names);
        Assert.Contains("peer.probe.bind", names);
        Assert.DoesNotContain("peer", names);
    }

    [Fact]
    public void Rules_say_why_they_fire_or_not()
    {
        var rules = Report().Rules;
        Assert.Equal(["firing", "idle", "idle"], rules.Select(r => r.Status));
        var fired = rules[0];
        Assert.True(fired.FiredNow);
        Assert.Equal(["demote", "hold_down: 4h", "notify: \"samba or ldap down: VIPs handed to the peer\""], fired.Then);
        Assert.Equal(
        [
            new ConditionReport("state == master", "true", "state is MASTER"),
            new ConditionReport("probe.smbd == down", "false", "smbd is UP: answer 192.0.2.80 in 1 ms"),
            new ConditionReport("probe.slapd == down", "true", "slapd is DOWN: connection refused by 127.0.0.1:389"),
        ], fired.Seen);
        Assert.Equal("30s", rules[2].For);
        Assert.Null(rules[0].For);
    }

    [Fact]
    public void The_verdict_lists_every_veto()
    {
        var report = Report();
        Assert.False(report.MayBecomeMaster);
        Assert.False(report.MayStayMaster);
        Assert.Equal(
        [
            new VetoReport("demotes", "rule samba-ldap-down", "state == master and (probe.smbd == down or probe.slapd == down)"),
            new VetoReport("forbids-becoming", "hold-down", "set by rule samba-ldap-down"),
        ], report.Vetoes);
        Assert.Equal(Sample.T0.AddHours(4), report.HoldDownUntil);
        Assert.Equal(["notify: \"samba or ldap down: VIPs handed to the peer\""], report.Decisions);
        Assert.All(report.Safety, s => Assert.True(s.Passed));
    }

    [Fact]
    public void A_failed_safety_check_says_what_it_blocks()
    {
        var facts = Sample.Backup().WithDrbd("r0", s => s with { LocalDisk = DrbdDiskState.Outdated });
        var safety = ExplainReports.Of(facts, RuleEngine.Evaluate(facts, [], Sample.T0)).Safety;
        Assert.Equal(new SafetyReport("r0 UpToDate locally", false, "r0 disk is Outdated (Connected)", "becoming"), safety[0]);
        Assert.Equal("staying", safety.Single(s => s.Check == "vip-up chain").Blocks);
    }

    [Fact]
    public void The_report_goes_through_the_control_protocol_as_snake_case_json()
    {
        var response = new ControlResponse(true, Explain: [Report()]);
        var json = JsonSerializer.Serialize(response, ControlJson.Default.ControlResponse);
        Assert.Contains("\"may_become_master\":false", json);
        Assert.Contains("\"hold_down_until\":", json);
        Assert.Contains("\"fired_now\":true", json);
        var back = JsonSerializer.Deserialize(json, ControlJson.Default.ControlResponse)!;
        var report = Assert.Single(back.Explain!);
        Assert.Equal(Report().Rules[0].Seen, report.Rules[0].Seen);
        Assert.Equal(Report().Vetoes, report.Vetoes);
        Assert.Equal(Report().Facts, report.Facts);
    }
}
