using Failover.Actions.SplitBrain;

namespace Failover.Actions.Tests.SplitBrain;

public sealed class SplitBrainPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);

    private static SplitBrainPolicy Policy(SplitBrainPolicyKind kind, string? survivor = null, string[]? stop = null, string[]? unmount = null) =>
        new(kind, survivor, ["r0"], stop ?? ["smbd"], unmount ?? [], "/sbin/drbdadm", "/bin/systemctl", TimeSpan.FromSeconds(30));

    private static SplitBrainSide Side(string node, bool reported = true, string cs = "StandAlone", bool primary = false, DateTimeOffset? last = null) =>
        new(node, reported, cs, primary, last);

    private static SplitBrainSituation Split(DrbdSyntax syntax, SplitBrainSide? peer = null, SplitBrainSide? local = null) =>
        new("r0", local ?? Side("n1", primary: true), "n2", peer ?? Side("n2", primary: true), syntax);

    private static string[] Lines(SplitBrainPlan plan) => plan.Commands.Select(c => $"{c.Node}: {c}").ToArray();

    [Fact]
    public void Survivor_drbd9_discards_the_other_node_with_the_documented_sequence()
    {
        var verdict = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1"), Split(DrbdSyntax.Drbd9));

        var plan = Assert.IsType<SplitBrainPlan>(verdict.Plan);
        Assert.Equal(("n2", "n1"), (plan.Victim, plan.Survivor));
        Assert.Equal("n1 is the configured survivor", plan.Reason);
        Assert.Equal(new[]
        {
            "n2: /bin/systemctl stop smbd",
            "n2: /sbin/drbdadm disconnect r0",
            "n2: /sbin/drbdadm secondary r0",
            "n2: /sbin/drbdadm connect --discard-my-data r0",
            "n1: /sbin/drbdadm disconnect r0",
            "n1: /sbin/drbdadm connect r0",
        }, Lines(plan));
    }

    [Fact]
    public void Survivor_being_the_peer_makes_this_node_the_victim()
    {
        var plan = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n2"), Split(DrbdSyntax.Drbd9)).Plan!;

        Assert.Equal(("n1", "n2"), (plan.Victim, plan.Survivor));
        Assert.All(plan.VictimCommands, c => Assert.Equal("n1", c.Node));
        Assert.All(plan.SurvivorCommands, c => Assert.Equal("n2", c.Node));
    }

    [Fact]
    public void Drbd84_skips_disconnect_on_a_standalone_victim_and_uses_the_double_dash_form()
    {
        var plan = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1", stop: [], unmount: ["/srv"]), Split(DrbdSyntax.Drbd84)).Plan!;

        Assert.Equal(new[]
        {
            "n2: /bin/umount /srv",
            "n2: /sbin/drbdadm secondary r0",
            "n2: /sbin/drbdadm -- --discard-my-data connect r0",
            "n1: /sbin/drbdadm connect r0",
        }, Lines(plan));
    }

    [Fact]
    public void Drbd84_disconnects_a_connecting_victim_and_leaves_a_waiting_survivor_alone()
    {
        var situation = Split(DrbdSyntax.Drbd84, peer: Side("n2", cs: "WFConnection"), local: Side("n1", reported: false, cs: "WFConnection"));

        var plan = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1", stop: []), situation).Plan!;

        Assert.Equal(new[]
        {
            "n2: /sbin/drbdadm disconnect r0",
            "n2: /sbin/drbdadm secondary r0",
            "n2: /sbin/drbdadm -- --discard-my-data connect r0",
        }, Lines(plan));
    }

    [Theory]
    [InlineData(SplitBrainPolicyKind.Manual, DrbdSyntax.Drbd9)]
    [InlineData(SplitBrainPolicyKind.Manual, DrbdSyntax.Drbd84)]
    [InlineData(SplitBrainPolicyKind.Survivor, DrbdSyntax.Drbd9)]
    [InlineData(SplitBrainPolicyKind.Survivor, DrbdSyntax.Drbd84)]
    [InlineData(SplitBrainPolicyKind.LastPrimary, DrbdSyntax.Drbd9)]
    [InlineData(SplitBrainPolicyKind.LastPrimary, DrbdSyntax.Drbd84)]
    public void Nothing_runs_while_the_peer_is_unreachable_under_any_policy_even_with_an_admin_choice(SplitBrainPolicyKind kind, DrbdSyntax syntax)
    {
        var situation = new SplitBrainSituation("r0", Side("n1", primary: true), "n2", null, syntax);

        foreach (var discard in new[] { null, "n2" })
        {
            var verdict = SplitBrainPlanner.Plan(Policy(kind, "n1"), situation, discard);
            Assert.Null(verdict.Plan);
            Assert.Contains("peer n2 is unreachable", verdict.WhyNot);
        }
    }

    [Theory]
    [InlineData(DrbdSyntax.Drbd9)]
    [InlineData(DrbdSyntax.Drbd84)]
    public void Manual_plans_nothing_by_itself_but_follows_the_admin(DrbdSyntax syntax)
    {
        var policy = Policy(SplitBrainPolicyKind.Manual);

        var alone = SplitBrainPlanner.Plan(policy, Split(syntax));
        var chosen = SplitBrainPlanner.Plan(policy, Split(syntax), discard: "n1");

        Assert.Null(alone.Plan);
        Assert.StartsWith("policy manual", alone.WhyNot);
        Assert.Equal(("n1", "n2", "an admin chose to discard n1's data"), (chosen.Plan!.Victim, chosen.Plan.Survivor, chosen.Plan.Reason));
        Assert.Contains(chosen.Plan.VictimCommands, c => c.Argv.Contains("--discard-my-data") && c.Node == "n1");
    }

    [Fact]
    public void An_admin_choice_overrides_the_survivor_policy_and_an_unknown_node_is_refused()
    {
        var policy = Policy(SplitBrainPolicyKind.Survivor, "n1");

        Assert.Equal("n1", SplitBrainPlanner.Plan(policy, Split(DrbdSyntax.Drbd9), "n1").Plan!.Victim);
        var wrong = SplitBrainPlanner.Plan(policy, Split(DrbdSyntax.Drbd9), "n3");
        Assert.Null(wrong.Plan);
        Assert.Contains("--discard n3: not a node of this pair", wrong.WhyNot);
    }

    [Theory]
    [InlineData(DrbdSyntax.Drbd9)]
    [InlineData(DrbdSyntax.Drbd84)]
    public void Last_primary_keeps_the_node_primary_most_recently(DrbdSyntax syntax)
    {
        var situation = Split(syntax, local: Side("n1", last: T0.AddMinutes(5)), peer: Side("n2", last: T0));

        var plan = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.LastPrimary), situation).Plan!;

        Assert.Equal(("n2", "n1"), (plan.Victim, plan.Survivor));
        Assert.Equal("n1 was Primary last (at 2026-11-21 18:05:00 UTC; n2 at 2026-11-21 18:00:00 UTC)", plan.Reason);
    }

    [Fact]
    public void Last_primary_keeps_the_one_primary_now()
    {
        var situation = Split(DrbdSyntax.Drbd9, local: Side("n1", last: T0.AddMinutes(5)), peer: Side("n2", primary: true, last: T0));

        var plan = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.LastPrimary), situation).Plan!;

        Assert.Equal(("n1", "n2", "n2 is Primary now and n1 is not"), (plan.Victim, plan.Survivor, plan.Reason));
    }

    [Theory]
    [InlineData(true, true, 0, 5, "both n1 and n2 are Primary now")]
    [InlineData(false, false, 5, 5, "both were last Primary at 2026-11-21 18:05:00 UTC")]
    [InlineData(false, false, -1, 5, "n1 never recorded as Primary")]
    [InlineData(false, false, -1, -1, "n1 and n2 never recorded as Primary")]
    public void Last_primary_decides_nothing_when_ambiguous(bool localPrimary, bool peerPrimary, int localAt, int peerAt, string why)
    {
        DateTimeOffset? At(int minutes) => minutes < 0 ? null : T0.AddMinutes(minutes);
        var situation = Split(DrbdSyntax.Drbd9, local: Side("n1", primary: localPrimary, last: At(localAt)), peer: Side("n2", primary: peerPrimary, last: At(peerAt)));

        var verdict = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.LastPrimary), situation);

        Assert.Null(verdict.Plan);
        Assert.Equal($"last_primary cannot tell: {why}; resolve by hand", verdict.WhyNot);
    }

    [Fact]
    public void Standalone_without_a_split_brain_report_is_not_recovered()
    {
        var situation = Split(DrbdSyntax.Drbd9, local: Side("n1", reported: false), peer: Side("n2", reported: false, cs: "Connecting"));

        var verdict = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1"), situation, discard: "n2");

        Assert.Null(verdict.Plan);
        Assert.Contains("StandAlone but DRBD reported no split brain", verdict.WhyNot);
    }

    [Theory]
    [InlineData("Connected")]
    [InlineData("SyncTarget")]
    public void Nothing_is_planned_until_DRBD_has_dropped_the_connection(string state)
    {
        var situation = Split(DrbdSyntax.Drbd84, peer: Side("n2", cs: state));

        var verdict = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1"), situation, discard: "n2");

        Assert.Null(verdict.Plan);
        Assert.Equal($"waiting for DRBD to drop the connection after the split brain (n2 is still {state})", verdict.WhyNot);
    }

    [Fact]
    public void A_split_reported_by_the_peer_alone_counts()
    {
        var situation = Split(DrbdSyntax.Drbd9, local: Side("n1", reported: false, cs: "Connecting"), peer: Side("n2"));

        Assert.NotNull(SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1"), situation).Plan);
    }

    [Fact]
    public void A_resource_outside_the_policy_is_refused_and_a_foreign_survivor_too()
    {
        var other = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1"), Split(DrbdSyntax.Drbd9) with { Resource = "r1" });
        var foreign = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n9"), Split(DrbdSyntax.Drbd9));

        Assert.Contains("r1 is not listed in split_brain: resources (r0)", other.WhyNot);
        Assert.Equal("the configured survivor n9 is neither n1 nor n2", foreign.WhyNot);
    }

    [Fact]
    public void Describe_names_the_victim_the_reason_and_every_command_by_node()
    {
        var plan = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1"), Split(DrbdSyntax.Drbd9)).Plan!;

        var text = plan.Describe().Split('\n');

        Assert.Equal("r0: discard the data of n2, keep n1's (n1 is the configured survivor)", text[0]);
        Assert.Equal("  on n2: /sbin/drbdadm connect --discard-my-data r0", text[4]);
        Assert.Equal(7, text.Length);
    }

    [Fact]
    public void A_master_victim_releases_the_group_first_and_clears_it_after_the_resync()
    {
        var policy = Policy(SplitBrainPolicyKind.Survivor, "n1") with { Failoverctl = "/usr/local/bin/failoverctl", ControlSocket = "/run/f.sock" };
        var situation = Split(DrbdSyntax.Drbd9, peer: Side("n2", primary: true) with { Master = true }) with { Group = "files" };

        var plan = SplitBrainPlanner.Plan(policy, situation).Plan!;

        Assert.Equal("n2: /usr/local/bin/failoverctl --socket /run/f.sock release files", Lines(plan)[0]);
        Assert.Equal("n2: /bin/systemctl stop smbd", Lines(plan)[1]);
        Assert.Equal(["n2: /usr/local/bin/failoverctl --socket /run/f.sock clear files"], plan.AfterResync.Select(c => $"{c.Node}: {c}"));
        Assert.EndsWith("\n  after the resync, on n2: /usr/local/bin/failoverctl --socket /run/f.sock clear files", plan.Describe());
    }

    [Fact]
    public void A_backup_victim_releases_nothing_and_a_master_survivor_keeps_its_vips()
    {
        var situation = Split(DrbdSyntax.Drbd9, local: Side("n1", primary: true) with { Master = true }) with { Group = "files" };

        var plan = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n1"), situation).Plan!;

        Assert.DoesNotContain(plan.Commands, c => c.Argv.Contains("release"));
        Assert.Empty(plan.AfterResync);
        Assert.Equal("n2: /bin/systemctl stop smbd", Lines(plan)[0]);
    }

    [Fact]
    public void Without_a_socket_failoverctl_uses_its_default()
    {
        var situation = Split(DrbdSyntax.Drbd84, local: Side("n1") with { Master = true }) with { Group = "files" };

        var plan = SplitBrainPlanner.Plan(Policy(SplitBrainPolicyKind.Survivor, "n2"), situation).Plan!;

        Assert.Equal(("n1", "n1: /usr/bin/failoverctl release files"), (plan.Victim, Lines(plan)[0]));
        Assert.Equal(["/usr/bin/failoverctl", "clear", "files"], plan.AfterResync.Single().Argv);
    }
}
