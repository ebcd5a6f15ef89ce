using Failover.Rules.Language;
using Failover.Rules.Tests.Support;

namespace Failover.Rules.Tests.Language;

public sealed class ConditionParserTests
{
    [Theory]
    [InlineData("state == master", "state==master")]
    [InlineData("STATE == MASTER", "state==master")]
    [InlineData("state != Backup", "state!=backup")]
    [InlineData("link == down", "link==down")]
    [InlineData("master == none", "master==none")]
    [InlineData("master == 10.4.0.101", "master==10.4.0.101")]
    [InlineData("probe.bind == down", "probe.bind==down")]
    [InlineData("probe.bind.health == UNKNOWN", "probe.bind==unknown")]
    [InlineData("probe.bind.since > 30s", "probe.bind.since>30000")]
    [InlineData("drbd.r0.disk != uptodate", "drbd.r0.disk!=uptodate")]
    [InlineData("drbd.r0.peer_disk == Outdated", "drbd.r0.peer_disk==outdated")]
    [InlineData("drbd.r0.connection == standalone", "drbd.r0.connection==standalone")]
    [InlineData("drbd.r0.role == Primary", "drbd.r0.role==primary")]
    [InlineData("drbd.r0.peer_role == unknown", "drbd.r0.peer_role==unknown")]
    [InlineData("drbd.r0.sync < 99.5", "drbd.r0.sync<99.5")]
    [InlineData("drbd.r0.sync >= 50%", "drbd.r0.sync>=50")]
    [InlineData("drbd.r0/1.disk == UpToDate", "drbd.r0/1.disk==uptodate")]
    [InlineData("drbd.r0.split_brain", "drbd.r0.split_brain")]
    [InlineData("DRBD.r0.Split_Brain", "drbd.r0.split_brain")]
    [InlineData("since_transition < 10m", "since_transition<600000")]
    [InlineData("since_transition <= 500ms", "since_transition<=500")]
    [InlineData("since_vip_up_failure < 4h", "since_vip_up_failure<14400000")]
    [InlineData("preference == taken-over", "preference==taken-over")]
    [InlineData("maintenance", "maintenance")]
    [InlineData("not standby", "not(standby)")]
    [InlineData("vip_up_failed", "vip_up_failed")]
    [InlineData("link_lost_unsynced", "link_lost_unsynced")]
    [InlineData("in_sync", "in_sync")]
    [InlineData("peer.state == master", "peer.state==master")]
    [InlineData("peer.probe.bind == up", "peer.probe.bind==up")]
    [InlineData("peer.drbd.r0.split_brain", "peer.drbd.r0.split_brain")]
    public void Facts_values_and_operators(string text, string shape)
    {
        var parsed = ConditionParser.Parse(text, Sample.Scope);
        Assert.True(parsed.Ok, string.Join("; ", parsed.Errors));
        Assert.Equal(shape, Shape.Of(parsed.Condition!));
    }

    [Theory]
    // and binds tighter than or, both are n-ary, not binds tightest.
    [InlineData("link == up or state == master and probe.bind == down", "or(link==up, and(state==master, probe.bind==down))")]
    [InlineData("state == master and (probe.bind == down or probe.dhcpd == down)", "and(state==master, or(probe.bind==down, probe.dhcpd==down))")]
    [InlineData("maintenance and standby and in_sync", "and(maintenance, standby, in_sync)")]
    [InlineData("maintenance or standby or in_sync", "or(maintenance, standby, in_sync)")]
    [InlineData("not maintenance and standby", "and(not(maintenance), standby)")]
    [InlineData("not (maintenance and standby)", "not(and(maintenance, standby))")]
    [InlineData("not not maintenance", "not(not(maintenance))")]
    [InlineData("((maintenance))", "maintenance")]
    [InlineData("NOT maintenance AND standby OR in_sync", "or(and(not(maintenance), standby), in_sync)")]
    [InlineData("state==master and(probe.bind==down)", "and(state==master, probe.bind==down)")]
    public void Precedence_and_grouping(string text, string shape)
    {
        var parsed = ConditionParser.Parse(text, Sample.Scope);
        Assert.True(parsed.Ok, string.Join("; ", parsed.Errors));
        Assert.Equal(shape, Shape.Of(parsed.Condition!));
    }

    [Fact]
    public void Every_node_keeps_its_own_text()
    {
        var condition = Sample.When("  state == master and (probe.bind == down or  not in_sync) ");
        var and = Assert.IsType<Conjunction>(condition);
        Assert.Equal("state == master and (probe.bind == down or  not in_sync)", and.Text);
        Assert.Equal("state == master", and.Operands[0].Text);
        var or = Assert.IsType<Disjunction>(and.Operands[1]);
        Assert.Equal("probe.bind == down or  not in_sync", or.Text);
        Assert.Equal("not in_sync", or.Operands[1].Text);
    }

    [Fact]
    public void A_repeated_comparison_keeps_its_own_position()
    {
        var or = Assert.IsType<Disjunction>(Sample.When("maintenance or (maintenance and standby)"));
        Assert.Equal("maintenance and standby", or.Operands[1].Text);
    }

    [Theory]
    // Syntax: the offset is where the problem starts.
    [InlineData("", 0, "the condition is empty")]
    [InlineData("   ", 0, "the condition is empty")]
    [InlineData("state ==", 8, "expected a value after '==', found the end of the condition")]
    [InlineData("state == master and", 19, "the condition ends where a fact was expected (such as state, link or probe.NAME)")]
    [InlineData("state == master or or link == up", 19, "expected a fact (such as state, link or probe.NAME), found 'or'")]
    [InlineData("(state == master", 16, "the '(' at column 1 is never closed")]
    [InlineData("state == master)", 15, "')' closes no '('")]
    [InlineData("state == master link == up", 16, "unexpected 'link' after a complete condition (missing 'and' or 'or'?)")]
    [InlineData("state == master && link == up", 16, "write 'and' instead of '&&'")]
    [InlineData("state == master || link == up", 16, "write 'or' instead of '||'")]
    [InlineData("!maintenance", 0, "write 'not' instead of '!'")]
    [InlineData("state = master", 6, "write '==' to compare")]
    [InlineData("state == \"master\"", 9, "values are written without quotes (quote the whole condition in YAML instead)")]
    [InlineData("state == master; link == up", 15, "unexpected character ';'")]
    [InlineData("state == == master", 9, "expected a value after '==', found '=='")]
    [InlineData("(state == master or)", 19, "expected a fact (such as state, link or probe.NAME), found ')'")]
    [InlineData("state == master (link == up)", 16, "unexpected '(' after a complete condition (missing 'and' or 'or'?)")]
    [InlineData("(maintenance standby)", 13, "expected ')', 'and' or 'or', found 'standby'")]
    [InlineData("state == not", 9, "expected a value after '==', found 'not'")]
    // Names: did-you-mean, the group's own probes and resources.
    [InlineData("stat == master", 0, "unknown fact 'stat' (did you mean 'state'?)")]
    [InlineData("probes.bind == down", 0, "unknown fact 'probes' (did you mean 'probe.NAME'?)")]
    [InlineData("foo == bar", 0, "unknown fact 'foo' (facts: state, master, link, maintenance, standby, preference, since_transition, vip_up_failed, since_vip_up_failure, link_lost_unsynced, in_sync, probe.NAME, drbd.NAME.ATTRIBUTE, peer.reachable, peer.FACT)")]
    [InlineData("probe.bnid == down", 6, "unknown probe 'bnid' (did you mean 'bind'?)")]
    [InlineData("probe.Bind == down", 6, "unknown probe 'Bind' (did you mean 'bind'?)")]
    [InlineData("probe.named == down", 6, "unknown probe 'named' (probes here: bind, dhcpd, smbd, slapd)")]
    [InlineData("probe == down", 0, "probe needs a name: probe.NAME (probes here: bind, dhcpd, smbd, slapd)")]
    [InlineData("probe.bind.helth == down", 11, "unknown attribute of probe.bind 'helth' (did you mean 'health'?)")]
    [InlineData("probe.bind.health.x == down", 18, "probe.bind.health has no part 'x'")]
    [InlineData("drbd.r2.disk == UpToDate", 5, "unknown DRBD resource 'r2' (did you mean 'r0'?)")]
    [InlineData("drbd.data.disk == UpToDate", 5, "unknown DRBD resource 'data' (resources here: r0, r1)")]
    [InlineData("drbd.r0 == UpToDate", 5, "drbd.r0 needs an attribute: connection, role, peer_role, disk, peer_disk, sync, split_brain")]
    [InlineData("drbd.r0.dsik == UpToDate", 8, "unknown attribute of drbd.r0 'dsik' (did you mean 'disk'?)")]
    [InlineData("drbd == UpToDate", 0, "drbd needs a resource and an attribute: drbd.NAME.disk (resources here: r0, r1)")]
    [InlineData("state.x == master", 6, "state has no part 'x'")]
    [InlineData("probe..bind == down", 6, "'probe..bind' has an empty part: fact names are words joined by single dots")]
    [InlineData("probe. == down", 5, "'probe.' has an empty part: fact names are words joined by single dots")]
    [InlineData(".state == master", 0, "'.state' has an empty part: fact names are words joined by single dots")]
    [InlineData("peer == master", 0, "peer needs a fact after it, e.g. peer.state == master")]
    [InlineData("peer.peer.state == master", 5, "peer.peer is not a fact: the peer's facts are peer.NAME")]
    [InlineData("peer.reachable.now", 15, "peer.reachable has no part 'now'")]
    [InlineData("peer.stat == master", 5, "unknown fact 'stat' (did you mean 'state'?)")]
    // Values and operators by kind.
    [InlineData("state == slave", 9, "state cannot be 'slave'; it is one of master, backup, init")]
    [InlineData("state == mastr", 9, "state cannot be 'mastr' (did you mean master?); it is one of master, backup, init")]
    [InlineData("drbd.r0.disk != UpTodat", 16, "drbd.r0.disk cannot be 'UpTodat' (did you mean UpToDate?); it is one of DUnknown, Diskless, Attaching, Detaching, Failed, Negotiating, Inconsistent, Outdated, Consistent, UpToDate")]
    [InlineData("probe.bind == dwon", 14, "probe.bind cannot be 'dwon' (did you mean down?); it is one of up, down, unknown")]
    [InlineData("state < master", 6, "state is compared with == or != only")]
    [InlineData("master > none", 7, "master is compared with == or != only")]
    [InlineData("state", 0, "state needs a comparison, e.g. state == master")]
    [InlineData("probe.bind", 0, "probe.bind needs a comparison, e.g. probe.bind == up")]
    [InlineData("since_transition", 0, "since_transition needs a comparison, e.g. since_transition < 10m")]
    [InlineData("drbd.r0.sync", 0, "drbd.r0.sync needs a comparison, e.g. drbd.r0.sync < 50")]
    [InlineData("maintenance == true", 12, "maintenance is true or false: write 'maintenance' or 'not maintenance'")]
    [InlineData("since_transition < 10", 19, "since_transition is compared with a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h), not '10'")]
    [InlineData("since_transition < 1.5h", 19, "since_transition is compared with a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h), not '1.5h'")]
    [InlineData("since_transition < 999999999999h", 19, "since_transition is compared with a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h), not '999999999999h'")]
    [InlineData("drbd.r0.sync < 101", 15, "drbd.r0.sync is compared with a percentage from 0 to 100 (e.g. 99.5), not '101'")]
    [InlineData("drbd.r0.sync < half", 15, "drbd.r0.sync is compared with a percentage from 0 to 100 (e.g. 99.5), not 'half'")]
    [InlineData("master == 10.4.0", 10, "master is compared with an IPv4 address such as 10.4.0.101 or with none, not '10.4.0'")]
    [InlineData("master == 010.4.0.1", 10, "master is compared with an IPv4 address such as 10.4.0.101 or with none, not '010.4.0.1'")]
    public void Errors_say_what_and_where(string text, int offset, string message)
    {
        var parsed = ConditionParser.Parse(text, Sample.Scope);
        Assert.False(parsed.Ok);
        Assert.Null(parsed.Condition);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Errors_cover_the_token_they_point_at()
    {
        var error = Assert.Single(ConditionParser.Parse("state == master and probe.bnid == down", Sample.Scope).Errors);
        Assert.Equal((26, 4), (error.Offset, error.Length));
        error = Assert.Single(ConditionParser.Parse("state ==", Sample.Scope).Errors);
        Assert.Equal((8, 0), (error.Offset, error.Length));
    }

    [Fact]
    public void Every_name_and_value_error_is_reported_at_once_in_text_order()
    {
        var parsed = ConditionParser.Parse("probe.bnid == down or stat == master or drbd.r0.disk == Good", Sample.Scope);
        Assert.Equal([6, 22, 56], parsed.Errors.Select(e => e.Offset));
    }

    [Fact]
    public void Name_errors_before_a_syntax_error_are_kept()
    {
        var parsed = ConditionParser.Parse("probe.bnid == down and (", Sample.Scope);
        Assert.Equal(["unknown probe 'bnid' (did you mean 'bind'?)", "the condition ends where a fact was expected (such as state, link or probe.NAME)"],
            parsed.Errors.Select(e => e.Message));
    }

    [Fact]
    public void A_group_without_monitors_says_so()
    {
        var error = Assert.Single(ConditionParser.Parse("probe.bind == down or drbd.r0.split_brain", RuleScope.Empty).Errors.Take(1));
        Assert.Equal("unknown probe 'bind' (this group has no probes)", error.Message);
        Assert.Equal("unknown DRBD resource 'r0' (this group has no resources)",
            ConditionParser.Parse("drbd.r0.split_brain", RuleScope.Empty).Errors.Single().Message);
    }

    [Fact]
    public void A_volume_of_a_configured_resource_is_known_but_not_of_another()
    {
        Assert.True(ConditionParser.Parse("drbd.r1/2.disk == UpToDate", Sample.Scope).Ok);
        Assert.False(ConditionParser.Parse("drbd.r9/2.disk == UpToDate", Sample.Scope).Ok);
        Assert.False(ConditionParser.Parse("drbd./2.disk == UpToDate", Sample.Scope).Ok);
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        var deep = new string('(', 40) + "maintenance" + new string(')', 40);
        var error = Assert.Single(ConditionParser.Parse(deep, Sample.Scope).Errors);
        Assert.StartsWith("the condition nests deeper than", error.Message);
        Assert.True(ConditionParser.Parse(new string('(', 20) + "maintenance" + new string(')', 20), Sample.Scope).Ok);
        var nots = string.Concat(Enumerable.Repeat("not ", 100)) + "maintenance";
        Assert.StartsWith("the condition nests deeper than", Assert.Single(ConditionParser.Parse(nots, Sample.Scope).Errors).Message);
    }

    [Fact]
    public void Length_is_bounded()
    {
        var text = string.Join(" or ", Enumerable.Repeat("maintenance", 400));
        var error = Assert.Single(ConditionParser.Parse(text, Sample.Scope).Errors);
        Assert.Equal($"the condition is longer than {ConditionParser.MaxLength} characters", error.Message);
        Assert.Equal(ConditionParser.MaxLength, error.Offset);
    }

    [Fact]
    public void Control_characters_are_shown_escaped()
    {
        Assert.Equal("unexpected character '\\u0007'", Assert.Single(ConditionParser.Parse("state == master \a", Sample.Scope).Errors).Message);
    }
}
