using System.Globalization;
using Failover.Control;

namespace Failover.Ctl.Tests;

public sealed class ExplainTextTests
{
    private static readonly DateTimeOffset At = new(2025, 11, 21, 15, 0, 0, TimeSpan.Zero);

    private static string Local(DateTimeOffset t) => t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static ExplainReport Report() => new(
        "samba", At,
        [
            new FactReport("state", "MASTER"),
            new FactReport("master", "10.4.0.102"),
            new FactReport("probe.slapd", "DOWN", "for 4s (ldap): connection refused by 127.0.0.1:389"),
            new FactReport("drbd.r0", "Connected Primary/Secondary UpToDate/UpToDate"),
            new FactReport("peer", "not known"),
        ],
        [
            new RuleReport("samba-ldap-down", "state == master and probe.slapd == down", "3s", null,
                ["demote", "hold_down: 4h", "notify: \"ldap down\""], "firing", null, true,
                [new ConditionReport("state == master", "true", "state is MASTER"),
                    new ConditionReport("probe.slapd == down", "true", "slapd is DOWN: connection refused by 127.0.0.1:389")]),
            new RuleReport("split-brain", "drbd.r0.split_brain", null, "10m", ["split_brain_recovery: r0"], "idle", null, false,
                [new ConditionReport("drbd.r0.split_brain", "false", "r0: no split brain, Connected")]),
            new RuleReport("settle", "since_transition < 10m", "30s", null, ["forbid_master"], "pending", At.AddSeconds(30), false,
                [new ConditionReport("since_transition < 10m", "true", "last transition 2m ago")]),
            new RuleReport("peer-master", "peer.state == master", null, null, ["forbid_master"], "unknown", null, false,
                [new ConditionReport("peer.state == master", "unknown", "peer not known")]),
        ],
        [
            new SafetyReport("r0 UpToDate locally", true, "r0 disk is UpToDate (Connected)", "becoming"),
            new SafetyReport("vip-up chain", false, "the vip-up chain failed: keep no VIPs", "staying"),
            new SafetyReport("in sync since the last link loss", false, "the link was lost and the resources have not been in sync since", "becoming"),
        ],
        false, false,
        [
            new VetoReport("demotes", "rule samba-ldap-down", "state == master and probe.slapd == down"),
            new VetoReport("demotes", "safety", "the vip-up chain failed: keep no VIPs"),
            new VetoReport("forbids-becoming", "hold-down", "set by rule samba-ldap-down"),
        ],
        At.AddHours(4), ["notify: \"ldap down\""], At.AddSeconds(30));

    [Fact]
    public void Facts_then_rules_then_safety_then_the_verdict()
    {
        var output = new StringWriter();
        ExplainText.Write(Report(), output);
        var expected = $"""
            group samba at {Local(At)}

            facts
              state        MASTER
              master       10.4.0.102
              probe.slapd  DOWN  for 4s (ldap): connection refused by 127.0.0.1:389
              drbd.r0      Connected Primary/Secondary UpToDate/UpToDate
              peer         not known

            rules
              samba-ldap-down: FIRING (fired now)
                when  state == master and probe.slapd == down  for 3s
                then  demote, hold_down: 4h, notify: "ldap down"
                state == master: true (state is MASTER)
                probe.slapd == down: true (slapd is DOWN: connection refused by 127.0.0.1:389)
              split-brain: not firing
                when  drbd.r0.split_brain  repeat 10m
                then  split_brain_recovery: r0
                drbd.r0.split_brain: false (r0: no split brain, Connected)
              settle: pending: fires at {Local(At.AddSeconds(30))} if it still holds
                when  since_transition < 10m  for 30s
                then  forbid_master
                since_transition < 10m: true (last transition 2m ago)
              peer-master: not firing: depends on a fact not known
                when  peer.state == master
                then  forbid_master
                peer.state == master: unknown (peer not known)

            safety
              ok      r0 UpToDate locally: r0 disk is UpToDate (Connected)
              FAILED  vip-up chain: the vip-up chain failed: keep no VIPs (must leave MASTER)
              FAILED  in sync since the last link loss: the link was lost and the resources have not been in sync since (may not become MASTER)

            verdict
              may become MASTER  no
              may stay MASTER    no
              because            rule samba-ldap-down: state == master and probe.slapd == down (demotes)
                                 safety: the vip-up chain failed: keep no VIPs (demotes)
                                 hold-down: set by rule samba-ldap-down
              hold-down until    {Local(At.AddHours(4))}
              decisions now      notify: "ldap down"
              next change        {Local(At.AddSeconds(30))} (unless the facts change first)

            """;
        Assert.Equal(expected.ReplaceLineEndings(), output.ToString().ReplaceLineEndings());
    }

    [Fact]
    public void A_group_without_rules_or_vetoes_says_so_briefly()
    {
        var report = Report() with { Rules = [], Vetoes = [], MayBecomeMaster = true, MayStayMaster = true, HoldDownUntil = null, Decisions = [], NextChange = null };
        var output = new StringWriter();
        ExplainText.Write(report, output);
        var text = output.ToString();
        Assert.Contains("rules: none", text);
        Assert.Contains("may become MASTER  yes", text);
        Assert.Contains("decisions now      none", text);
        Assert.DoesNotContain("because", text);
        Assert.DoesNotContain("next change", text);
    }

    [Fact]
    public void A_rule_that_is_not_firing_says_when_it_last_fired()
    {
        var fired = At.AddMinutes(-3);
        var report = Report() with
        {
            Rules = [Report().Rules[1] with { LastFiredAt = fired }],
        };
        var output = new StringWriter();
        ExplainText.Write(report, output);
        Assert.Contains($"  split-brain: not firing (last fired {Local(fired)})", output.ToString());
    }
}
