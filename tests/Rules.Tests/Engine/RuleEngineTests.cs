using Failover.Carp;
using Failover.Monitors.Health;
using Failover.Rules.Decisions;
using Failover.Rules.Engine;
using Failover.Rules.Facts;
using Failover.Rules.Language;
using Failover.Rules.Tests.Support;

namespace Failover.Rules.Tests.Engine;

public sealed class RuleEngineTests
{
    private static readonly DateTimeOffset T0 = Sample.T0;
    private static readonly GroupFacts BindDown = Sample.Master().WithProbe("bind", ServiceHealth.Down);

    private static Evaluation Run(GroupFacts facts, Rule[] rules, DateTimeOffset? at = null, RuleMemory? memory = null) =>
        RuleEngine.Evaluate(facts, rules, at ?? T0, memory);

    [Fact]
    public void A_healthy_master_with_no_rules_may_be_master_and_nothing_is_due()
    {
        var evaluation = Run(Sample.Master(), []);
        Assert.True(evaluation.MayBecomeMaster);
        Assert.True(evaluation.MayStayMaster);
        Assert.Empty(evaluation.Vetoes);
        Assert.Empty(evaluation.Decisions);
        Assert.Null(evaluation.HoldDownUntil);
        Assert.Null(evaluation.NextChange);
        Assert.All(evaluation.Safety, s => Assert.True(s.Passed, s.Detail));
        Assert.Equal(["r0 UpToDate locally", "r0 free of split brain", "vip-up chain", "in sync since the last link loss"],
            evaluation.Safety.Select(s => s.Check));
    }

    [Theory]
    // decisions, facts → may become, may stay, veto kind
    [InlineData("demote", true, false, false, VetoKind.Demotes)]
    [InlineData("forbid_master", true, false, true, VetoKind.ForbidsBecoming)]
    [InlineData("notify", true, true, true, null)]
    [InlineData("demote", false, true, true, null)]
    public void Demote_and_forbid_master_hold_while_the_rule_holds(string decision, bool bindDown, bool mayBecome, bool mayStay, VetoKind? kind)
    {
        Decision then = decision switch { "demote" => new Demote(), "forbid_master" => new ForbidMaster(), _ => new Notify("bind down") };
        var rule = Sample.Rule("bind-down", "probe.bind == down", then);
        var evaluation = Run(bindDown ? BindDown : Sample.Master(), [rule]);
        Assert.Equal(mayBecome, evaluation.MayBecomeMaster);
        Assert.Equal(mayStay, evaluation.MayStayMaster);
        Assert.Equal(kind, evaluation.Vetoes.SingleOrDefault()?.Kind);
        if (kind is not null)
            Assert.Equal(new Veto(kind.Value, "rule bind-down", "probe.bind == down"), evaluation.Vetoes[0]);
    }

    [Fact]
    public void Actions_are_handed_out_once_per_firing()
    {
        var rule = Sample.Rule("bind-down", "probe.bind == down", new Demote(), new Notify("bind down"), new RestartService("named"));
        var first = Run(BindDown, [rule]);
        Assert.Equal([new RestartService("named"), new Notify("bind down")], first.Decisions);
        Assert.True(first.Rules[0].FiredNow);
        Assert.Equal([new Notify("bind down"), new RestartService("named")], first.Rules[0].Handed); // as written

        var second = Run(BindDown, [rule], T0.AddSeconds(5), first.Memory);
        Assert.Empty(second.Decisions);
        Assert.Equal(RuleStatus.Firing, second.Rules[0].Status);
        Assert.False(second.Rules[0].FiredNow);
        Assert.False(second.MayStayMaster); // demote holds as long as the rule does

        var cleared = Run(Sample.Master(), [rule], T0.AddSeconds(10), second.Memory);
        Assert.Equal(RuleStatus.Idle, cleared.Rules[0].Status);
        Assert.Empty(cleared.Memory.Rules);

        var again = Run(BindDown, [rule], T0.AddSeconds(15), cleared.Memory);
        Assert.Equal([new RestartService("named"), new Notify("bind down")], again.Decisions);
    }

    [Fact]
    public void For_waits_until_the_condition_has_held_that_long()
    {
        var rule = Sample.Rule("bind-down", "probe.bind == down", new Demote(), new Notify("bind down")) with { For = TimeSpan.FromSeconds(3) };
        var first = Run(BindDown, [rule]);
        Assert.Equal(RuleStatus.Pending, first.Rules[0].Status);
        Assert.Equal(T0.AddSeconds(3), first.Rules[0].PendingUntil);
        Assert.Equal(T0.AddSeconds(3), first.NextChange);
        Assert.True(first.MayStayMaster);
        Assert.Empty(first.Decisions);
        Assert.Equal(new RuleTrack(T0, null), first.Memory.Rules["bind-down"]);

        var early = Run(BindDown, [rule], T0.AddSeconds(2.999), first.Memory);
        Assert.Equal(RuleStatus.Pending, early.Rules[0].Status);

        var due = Run(BindDown, [rule], T0.AddSeconds(3), early.Memory);
        Assert.Equal(RuleStatus.Firing, due.Rules[0].Status);
        Assert.False(due.MayStayMaster);
        Assert.Equal([new Notify("bind down")], due.Decisions);
        Assert.Equal(new RuleTrack(T0, T0.AddSeconds(3)), due.Memory.Rules["bind-down"]);
    }

    [Fact]
    public void For_counts_again_after_the_condition_broke()
    {
        var rule = Sample.Rule("bind-down", "probe.bind == down", new Demote()) with { For = TimeSpan.FromSeconds(3) };
        var first = Run(BindDown, [rule]);
        var broken = Run(Sample.Master(), [rule], T0.AddSeconds(2), first.Memory);
        var back = Run(BindDown, [rule], T0.AddSeconds(4), broken.Memory);
        Assert.Equal(RuleStatus.Pending, back.Rules[0].Status);
        Assert.Equal(T0.AddSeconds(7), back.Rules[0].PendingUntil);
    }

    [Fact]
    public void Without_memory_a_rule_with_for_never_gets_past_pending()
    {
        var rule = Sample.Rule("bind-down", "probe.bind == down", new Demote()) with { For = TimeSpan.FromSeconds(3) };
        Assert.Equal(RuleStatus.Pending, Run(BindDown, [rule], T0.AddHours(1)).Rules[0].Status);
    }

    [Fact]
    public void Repeat_hands_actions_out_again_while_the_rule_keeps_firing()
    {
        var rule = Sample.Rule("r0-down", "drbd.r0.disk == Diskless", new ReconnectDrbd("r0"), new Notify("r0 diskless"))
            with { Repeat = TimeSpan.FromMinutes(10) };
        var facts = Sample.Master().WithDrbd("r0", s => s with { LocalDisk = Monitors.Drbd.DrbdDiskState.Diskless });
        var first = Run(facts, [rule]);
        Assert.Equal(2, first.Decisions.Count);
        Assert.Equal(T0.AddMinutes(10), first.NextChange);
        var between = Run(facts, [rule], T0.AddMinutes(5), first.Memory);
        Assert.Empty(between.Decisions);
        Assert.Equal(T0.AddMinutes(10), between.NextChange);
        var due = Run(facts, [rule], T0.AddMinutes(10), between.Memory);
        Assert.Equal([new ReconnectDrbd("r0"), new Notify("r0 diskless")], due.Decisions);
        Assert.True(due.Rules[0].FiredNow);
        Assert.Equal(T0.AddMinutes(20), due.NextChange);
    }

    [Fact]
    public void Hold_down_keeps_a_demoted_node_out_after_the_rule_stops_holding()
    {
        // The seed's primary: bind down as master → stop ucarp, mail, come back no sooner than the 4-hour cron.
        var rule = Sample.Rule("dns-down", "state == master and probe.bind == down",
            new Demote(), new HoldDown(TimeSpan.FromHours(4)), new Notify("bind down"));
        var fired = Run(BindDown, [rule]);
        Assert.Equal(T0.AddHours(4), fired.HoldDownUntil);
        Assert.Equal([new Demote(), new HoldDown(TimeSpan.FromHours(4)), new Notify("bind down")], rule.Then);
        Assert.Equal([new HoldDown(TimeSpan.FromHours(4)), new Notify("bind down")], fired.Rules[0].Handed);
        Assert.Equal([new Notify("bind down")], fired.Decisions);
        Assert.Equal(["rule dns-down", "hold-down"], fired.Vetoes.Select(v => v.Source));

        // Now backup, bind fixed: the rule no longer holds, the hold-down still forbids becoming master.
        var backup = Sample.Backup();
        var later = Run(backup, [rule], T0.AddMinutes(1), fired.Memory);
        Assert.Equal(RuleStatus.Idle, later.Rules[0].Status);
        Assert.False(later.MayBecomeMaster);
        Assert.True(later.MayStayMaster);
        Assert.Equal(new Veto(VetoKind.ForbidsBecoming, "hold-down", "set by rule dns-down"), Assert.Single(later.Vetoes));
        Assert.Equal(T0.AddHours(4), later.NextChange);

        var over = Run(backup, [rule], T0.AddHours(4), later.Memory);
        Assert.True(over.MayBecomeMaster);
        Assert.Null(over.HoldDownUntil);
        Assert.Null(over.Memory.HoldDownUntil);
    }

    [Fact]
    public void A_longer_hold_down_extends_it_and_a_shorter_one_does_not_shorten_it()
    {
        var longRule = Sample.Rule("long", "probe.bind == down", new HoldDown(TimeSpan.FromHours(4)));
        var shortRule = Sample.Rule("short", "probe.dhcpd == down", new HoldDown(TimeSpan.FromMinutes(10)));
        var first = Run(BindDown, [longRule, shortRule]);
        var both = Run(BindDown.WithProbe("dhcpd", ServiceHealth.Down), [longRule, shortRule], T0.AddHours(1), first.Memory);
        Assert.Equal(T0.AddHours(4), both.HoldDownUntil);
        Assert.Equal("long", both.Memory.HoldDownRule);

        var reset = Run(Sample.Master(), [longRule, shortRule], T0.AddHours(2), both.Memory);
        var longAgain = Run(BindDown, [longRule, shortRule], T0.AddHours(3), reset.Memory);
        Assert.Equal(T0.AddHours(7), longAgain.HoldDownUntil);
    }

    [Fact]
    public void An_admin_can_lift_the_hold_down()
    {
        var rule = Sample.Rule("dns-down", "probe.bind == down", new HoldDown(TimeSpan.FromHours(4)));
        var fired = Run(BindDown, [rule]);
        var lifted = Run(Sample.Backup(), [rule], T0.AddMinutes(1), fired.Memory.WithoutHoldDown());
        Assert.True(lifted.MayBecomeMaster);
    }

    [Fact]
    public void Decisions_are_deduplicated_and_ordered_by_kind_then_rule()
    {
        var facts = BindDown.WithProbe("dhcpd", ServiceHealth.Down);
        Rule[] rules =
        [
            Sample.Rule("a", "probe.bind == down", new Notify("service down"), new RestartService("named"), new Notify("bind down")),
            Sample.Rule("b", "probe.dhcpd == down", new Notify("service down"), new RestartService("isc-dhcp-server"), new SplitBrainRecovery("r0")),
            Sample.Rule("c", "probe.dhcpd == down", new ReconnectDrbd("r0"), new RestartService("named")),
        ];
        var evaluation = Run(facts, rules);
        Assert.Equal(
            ["split_brain_recovery: r0", "reconnect_drbd: r0", "restart_service: named", "restart_service: isc-dhcp-server",
                "notify: \"service down\"", "notify: \"bind down\""],
            evaluation.Decisions.Select(d => d.ToString()));
    }

    [Fact]
    public void A_condition_that_is_not_known_does_not_fire_and_is_not_remembered()
    {
        var rule = Sample.Rule("peer-master", "peer.state == master", new ForbidMaster()) with { For = TimeSpan.FromSeconds(5) };
        var evaluation = Run(Sample.Master(), [rule]);
        Assert.Equal(RuleStatus.Unknown, evaluation.Rules[0].Status);
        Assert.Equal(Truth.Unknown, evaluation.Rules[0].Condition);
        Assert.True(evaluation.MayBecomeMaster);
        Assert.Empty(evaluation.Memory.Rules);
    }

    [Fact]
    public void Rules_no_longer_configured_are_forgotten()
    {
        var rule = Sample.Rule("bind-down", "probe.bind == down", new Demote());
        var first = Run(BindDown, [rule]);
        Assert.Empty(Run(BindDown, [], T0.AddSeconds(1), first.Memory).Memory.Rules);
    }

    [Fact]
    public void Two_rules_with_one_name_are_refused()
    {
        var rule = Sample.Rule("x", "maintenance", new Demote());
        Assert.Throws<ArgumentException>(() => Run(Sample.Master(), [rule, rule]));
    }

    [Fact]
    public void The_next_change_is_the_earliest_of_for_hold_down_and_elapsed_thresholds()
    {
        Rule[] rules =
        [
            Sample.Rule("young", "since_transition < 70m", new ForbidMaster()),        // flips at T0 + 10m
            Sample.Rule("slow", "probe.bind == down", new Demote()) with { For = TimeSpan.FromMinutes(20) },
            Sample.Rule("hold", "probe.bind == down", new HoldDown(TimeSpan.FromMinutes(5))),
        ];
        Assert.Equal(T0.AddMinutes(5), Run(BindDown, rules).NextChange);
        Assert.Equal(T0.AddMinutes(10), Run(BindDown, rules[..2]).NextChange);
        Assert.Equal(T0.AddMinutes(20), Run(BindDown, rules[1..2]).NextChange);
    }

    [Fact]
    public void The_evaluation_is_a_function_of_its_inputs()
    {
        var rule = Sample.Rule("bind-down", "probe.bind == down", new Demote(), new Notify("x")) with { For = TimeSpan.FromSeconds(3) };
        var memory = Run(BindDown, [rule]).Memory;
        var a = Run(BindDown, [rule], T0.AddSeconds(4), memory);
        var b = Run(BindDown, [rule], T0.AddSeconds(4), memory);
        Assert.Equal(a.Decisions, b.Decisions);
        Assert.Equal(a.Vetoes, b.Vetoes);
        Assert.Equal(a.Memory.Rules, b.Memory.Rules);
    }
}
