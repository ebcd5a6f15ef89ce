using Failover.Daemon.Config;
using Failover.Rules.Decisions;
using Failover.Rules.Language;

namespace Failover.Daemon.Tests.Config;

/// <summary>A group's rules: list: conditions, decisions, and errors at the exact token, inside a condition too.</summary>
public sealed class RulesConfigTests
{
    private static string Group(string rules) => """
        groups:
          - name: samba
            vhid: 210
            interface: eth0
            password: x
            vips: [10.4.0.2/24]
            monitors:
              - { name: smbd, samba: { server: 10.4.0.2 } }
              - { name: slapd, tcp: { server: 10.4.0.2, port: 389 } }
              - { name: disks, drbd: { resources: [r0, r1], source: events2 } }
            rules:
        """ + "\n" + rules;

    /// <summary>"LINE:COL: " of the first occurrence of <paramref name="token"/> at or after <paramref name="after"/>.</summary>
    private static string At(string yaml, string token, string? after = null)
    {
        var from = after is null ? 0 : yaml.IndexOf(after, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{after}' not in the document");
        var index = yaml.IndexOf(token, from, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{token}' not in the document");
        var line = yaml[..index].Count(c => c == '\n') + 1;
        var column = index - (yaml.LastIndexOf('\n', index - 1) + 1) + 1;
        return $"{line}:{column}: ";
    }

    [Fact]
    public void The_seed_samba_rules_bind()
    {
        var config = ConfigAssert.Valid(Group("""
                  - name: split-brain
                    when: drbd.r0.split_brain or drbd.r0.connection == StandAlone
                    then:
                      - split_brain_recovery: r0
                      - notify: "split brain on r0: recovery started"
                  - name: drbd-down
                    when: "state == master and (drbd.r0.disk == Diskless or drbd.r0.disk == Failed)"
                    for: 5s
                    repeat: 10m
                    then: [demote, { reconnect_drbd: r0 }, { notify: "DRBD r0 down" }]
                  - name: service-down
                    when: state == master and (probe.smbd == down or probe.slapd == down)
                    for: 3s
                    then: [demote, { hold_down: 4h }, { restart_service: smbd }]
                  - name: settle
                    when: since_transition < 10m
                    then: [forbid_master]
            """));

        var rules = config.Groups[0].Rules;
        Assert.Equal(["split-brain", "drbd-down", "service-down", "settle"], rules.Select(r => r.Name));
        Assert.Equal([new SplitBrainRecovery("r0"), new Notify("split brain on r0: recovery started")], rules[0].Then);
        Assert.Equal("drbd.r0.split_brain or drbd.r0.connection == StandAlone", rules[0].When.Text);
        Assert.IsType<Disjunction>(rules[0].When);
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10)), (rules[1].For, rules[1].Repeat));
        Assert.Equal([new Demote(), new ReconnectDrbd("r0"), new Notify("DRBD r0 down")], rules[1].Then);
        Assert.Equal([new Demote(), new HoldDown(TimeSpan.FromHours(4)), new RestartService("smbd")], rules[2].Then);
        Assert.Equal((TimeSpan.Zero, (TimeSpan?)null), (rules[3].For, rules[3].Repeat));
        Assert.Equal([new ForbidMaster()], rules[3].Then);
    }

    [Fact]
    public void A_group_without_rules_has_none()
    {
        Assert.Empty(ConfigAssert.Valid(Group("      []")).Groups[0].Rules);
    }

    [Fact]
    public void Minors_of_a_proc_monitor_are_named_minorN()
    {
        var yaml = Group("""
                  - { name: m, when: "drbd.minor0.disk != UpToDate", then: [{ reconnect_drbd: minor0 }] }
            """).Replace("{ resources: [r0, r1], source: events2 }", "{ resources: [\"minor:0\"] }");
        Assert.Equal([new ReconnectDrbd("minor0")], Assert.Single(ConfigAssert.Valid(yaml).Groups[0].Rules).Then);
    }

    [Theory]
    // The error points at the token inside the condition, however the YAML writes it.
    [InlineData("      - { name: a, when: probe.slpad == down, then: [demote] }", "slpad")]
    [InlineData("      - { name: a, when: \"state == master and probe.slpad == down\", then: [demote] }", "slpad")]
    [InlineData("      - { name: a, when: 'state == master and probe.slpad == down', then: [demote] }", "slpad")]
    [InlineData("      - name: a\n        when: >\n          state == master and\n          probe.slpad == down\n        then: [demote]", "slpad")]
    [InlineData("      - name: a\n        when: |\n          state == master\n            and probe.slpad == down\n        then: [demote]", "slpad")]
    [InlineData("      - name: a\n        when: state == master and\n          probe.slpad == down\n        then: [demote]", "slpad")]
    [InlineData("      - name: a\n        when: \"state == master and\n          probe.slpad == down\"\n        then: [demote]", "slpad")]
    public void Condition_errors_point_at_the_token(string rules, string token)
    {
        var yaml = Group(rules);
        var error = Assert.Single(ConfigAssert.Errors(yaml));
        Assert.Equal(At(yaml, token) + "unknown probe 'slpad' (did you mean 'slapd'?)", error);
    }

    [Fact]
    public void A_condition_error_at_its_end_points_just_past_the_last_token()
    {
        var yaml = Group("      - { name: a, when: \"state == master and\", then: [demote] }");
        Assert.Equal(At(yaml, "\", then") + "the condition ends where a fact was expected (such as state, link or probe.NAME)",
            Assert.Single(ConfigAssert.Errors(yaml)));
    }

    [Fact]
    public void With_escapes_the_error_falls_back_to_the_start_of_the_condition()
    {
        var yaml = Group("      - { name: a, when: \"state == \\u006dastr\", then: [demote] }");
        Assert.Equal(At(yaml, "\"state") + "state cannot be 'mastr' (did you mean master?); it is one of master, backup, init",
            Assert.Single(ConfigAssert.Errors(yaml)));
    }

    [Fact]
    public void Every_error_of_a_condition_is_reported()
    {
        var yaml = Group("      - { name: a, when: \"probe.smdb == down or stat == master\", then: [demote] }");
        Assert.Equal([At(yaml, "smdb") + "unknown probe 'smdb' (did you mean 'smbd'?)", At(yaml, "stat ") + "unknown fact 'stat' (did you mean 'state'?)"],
            ConfigAssert.Errors(yaml));
    }

    [Theory]
    [InlineData("{ name: a, when: maintenance, then: [demot] }", "demot", "unknown decision 'demot' (did you mean 'demote'?)")]
    [InlineData("{ name: a, when: maintenance, then: [reboot] }", "reboot", "unknown decision 'reboot' (decisions: demote, forbid_master, hold_down, reconnect_drbd, split_brain_recovery, restart_service, notify)")]
    [InlineData("{ name: a, when: maintenance, then: [{ demote: true }] }", "demote:", "demote takes no value: write it as a word in the list, e.g. then: [demote]")]
    [InlineData("{ name: a, when: maintenance, then: [hold_down] }", "hold_down", "hold_down needs a value, e.g. { hold_down: 4h }")]
    [InlineData("{ name: a, when: maintenance, then: [{ hold_down: 4 }] }", "4 }", "hold_down must be a duration: an integer and a unit ms, s, m or h (e.g. 500ms, 5s, 2m, 4h)")]
    [InlineData("{ name: a, when: maintenance, then: [{ hold_down: 200h }] }", "200h", "hold_down must be from 1s to 168h")]
    [InlineData("{ name: a, when: maintenance, then: [{ reconnect_drbd: r2 }] }", "r2", "reconnect_drbd: unknown DRBD resource 'r2' (did you mean 'r0'?)")]
    [InlineData("{ name: a, when: maintenance, then: [{ split_brain_recovery: data }] }", "data", "split_brain_recovery: unknown DRBD resource 'data' (resources here: r0, r1)")]
    [InlineData("{ name: a, when: maintenance, then: [{ restart_service: \"smbd; reboot\" }] }", "\"smbd;", "restart_service must be a systemd unit name such as smbd or slapd.service")]
    [InlineData("{ name: a, when: maintenance, then: [{ notify: \" \" }] }", "\" \"", "notify must be the text of the message")]
    [InlineData("{ name: a, when: maintenance, then: [{ notify: a, demote: b }] }", "{ notify", "a decision is a word (demote, forbid_master) or one key and its value, e.g. { notify: \"bind is down\" }; then: [demote, { hold_down: 4h }, { notify: \"bind is down\" }]")]
    [InlineData("{ name: a, when: maintenance, then: [] }", "[] }", "then must be a non-empty list of decisions, e.g. then: [demote, { hold_down: 4h }, { notify: \"bind is down\" }]")]
    [InlineData("{ name: a, when: maintenance, then: demote }", "demote }", "then must be a non-empty list of decisions, e.g. then: [demote, { hold_down: 4h }, { notify: \"bind is down\" }]")]
    [InlineData("{ name: a, when: maintenance, then: [demote, forbid_master] }", "forbid_master", "demote already forbids becoming MASTER while the rule holds: give demote or forbid_master, not both")]
    [InlineData("{ name: a, when: maintenance, then: [demote, demote] }", "demote]", "'demote' is given twice in this rule")]
    [InlineData("{ name: a, when: maintenance, then: [{ hold_down: 1h }, { hold_down: 2h }] }", "{ hold_down: 2h", "'hold_down' is given twice in this rule")]
    [InlineData("{ name: a, when: maintenance, then: [{ notify: x }, { notify: x }] }", "{ notify: x }]", "'notify' is given twice in this rule")]
    [InlineData("{ name: a, when: maintenance, repeat: 1h, then: [demote] }", "1h", "repeat hands a rule's actions and hold_down out again, but this rule has none (demote and forbid_master last as long as the rule holds)")]
    [InlineData("{ name: a, when: maintenance, repeat: 1s, then: [{ notify: x }] }", "1s", "repeat must be from 10s to 168h")]
    [InlineData("{ name: a, when: maintenance, for: 25h, then: [demote] }", "25h", "for must be from 0s to 24h")]
    [InlineData("{ name: a, when: [maintenance], then: [demote] }", "[maintenance]", "when must be a condition, e.g. when: \"state == master and probe.bind == down\"")]
    [InlineData("{ name: a, when: , then: [demote] }", ", then", "when must be a condition, e.g. when: \"state == master and probe.bind == down\"")]
    [InlineData("{ name: \"a b\", when: maintenance, then: [demote] }", "\"a b\"", "rule name must use only letters, digits, '-' and '_'")]
    [InlineData("{ when: maintenance, then: [demote] }", "{ when", "missing required key 'name' in rule")]
    [InlineData("{ name: a, then: [demote] }", "{ name", "missing required key 'when' in rule")]
    [InlineData("{ name: a, when: maintenance }", "{ name", "missing required key 'then' in rule")]
    public void Rule_mistakes_are_reported_where_they_are(string rule, string token, string message)
    {
        var yaml = Group("      - " + rule);
        Assert.Equal([At(yaml, token, "rules:") + message], ConfigAssert.Errors(yaml));
    }

    [Fact]
    public void A_misspelt_key_is_named_with_what_it_was_meant_to_be()
    {
        var yaml = Group("      - { name: a, when: maintenance, tehn: [demote] }");
        Assert.Equal([At(yaml, "{ name: a") + "missing required key 'then' in rule", At(yaml, "tehn") + "unknown key 'tehn' in rule (did you mean 'then'?)"],
            ConfigAssert.Errors(yaml));
    }

    [Fact]
    public void Rules_must_be_a_list_and_names_unique()
    {
        var yaml = Group("""
                  - { name: a, when: maintenance, then: [demote] }
                  - { name: a, when: standby, then: [demote] }
            """);
        Assert.Equal([At(yaml, "{ name: a, when: standby") + "rule name 'a' is used twice in this group"], ConfigAssert.Errors(yaml));
        var notList = Group("      { name: a }").Replace("rules:\n      {", "rules: {");
        Assert.StartsWith(At(notList, "{ name: a }") + "rules must be a list of rules", Assert.Single(ConfigAssert.Errors(notList)));
    }

    [Fact]
    public void A_rule_naming_a_monitor_of_another_group_is_wrong()
    {
        var yaml = Group("      - { name: a, when: probe.bind == down, then: [demote] }");
        Assert.Equal([At(yaml, "bind ==") + "unknown probe 'bind' (probes here: smbd, slapd, disks)"], ConfigAssert.Errors(yaml));
    }
}
