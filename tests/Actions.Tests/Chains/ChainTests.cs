using Failover.Actions.Chains;
using Failover.Actions.Steps;

namespace Failover.Actions.Tests.Chains;

public sealed class ChainTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(7);

    [Theory]
    [InlineData(ChainKind.VipUp, true)]
    [InlineData(ChainKind.VipDown, false)]
    public void A_chain_without_a_vip_step_gets_one_first(ChainKind kind, bool up)
    {
        var exec = new ExecStep(["/etc/failover/vip-up.sh"], true, null, Limit);

        var chain = Chain.For(kind, [exec], "became master");

        Assert.Equal([new VipStep(up), exec], chain.Steps);
        Assert.Equal("became master", chain.Reason);
    }

    [Fact]
    public void A_chain_naming_its_vip_step_keeps_it_where_it_is()
    {
        ChainStep[] steps =
        [
            new DrbdStep("r0", DrbdTargetRole.Primary, DrbdStep.DefaultCommand, Limit),
            new MountStep("/dev/drbd0", "/srv", "ext4", null, Limit),
            new VipStep(true),
        ];

        Assert.Equal(steps, Chain.For(ChainKind.VipUp, steps, "").Steps);
    }

    [Fact]
    public void No_steps_at_all_is_just_the_vip_step()
    {
        Assert.Equal([new VipStep(false)], Chain.For(ChainKind.VipDown, [], "").Steps);
        Assert.Equal("on_backup", Chain.For(ChainKind.VipDown, [], "").Name);
        Assert.Equal("on_master", Chain.For(ChainKind.VipUp, [], "").Name);
    }

    public static TheoryData<ChainStep, ChainStep?> Undos => new()
    {
        { new VipStep(true), new VipStep(false) },
        { new VipStep(false), null },
        { new DrbdStep("r0", DrbdTargetRole.Primary, "/sim/drbdadm", Limit), new DrbdStep("r0", DrbdTargetRole.Secondary, "/sim/drbdadm", Limit) },
        { new DrbdStep("r0", DrbdTargetRole.Secondary, "/sim/drbdadm", Limit), null },
        { new MountStep("/dev/drbd0", "/srv", "ext4", "noatime", Limit), new UmountStep("/srv", Limit) },
        { new UmountStep("/srv", Limit), null },
        { new ServiceStep("smbd", ServiceAction.Start, "/sim/systemctl", Limit), new ServiceStep("smbd", ServiceAction.Stop, "/sim/systemctl", Limit) },
        { new ServiceStep("nmbd", ServiceAction.Stop, "/sim/systemctl", Limit), new ServiceStep("nmbd", ServiceAction.Start, "/sim/systemctl", Limit) },
        { new ServiceStep("smbd", ServiceAction.Restart, "/sim/systemctl", Limit), null },
    };

    [Theory]
    [MemberData(nameof(Undos))]
    public void Each_step_kind_has_its_undo(ChainStep step, ChainStep? undo) => Assert.Equal(undo, step.Undo());

    [Fact]
    public void An_exec_step_is_undone_by_its_undo_argv_called_the_same_way()
    {
        string[] undoArgv = ["/etc/failover/unexport.sh"];
        var exec = new ExecStep(["/etc/failover/export.sh"], true, "nfs", Limit, undoArgv);

        var undo = Assert.IsType<ExecStep>(exec.Undo());

        Assert.Equal(new ExecStep(undoArgv, true, "nfs", Limit), undo);
        Assert.Null(undo.Undo());
        Assert.Null((exec with { UndoArgv = null }).Undo());
    }

    [Fact]
    public void Steps_describe_themselves_as_the_log_names_them()
    {
        Assert.Equal("vip add", new VipStep(true).Describe());
        Assert.Equal("drbd r0 primary", new DrbdStep("r0", DrbdTargetRole.Primary, "", Limit).Describe());
        Assert.Equal("mount /dev/drbd0 on /srv", new MountStep("/dev/drbd0", "/srv", null, null, Limit).Describe());
        Assert.Equal("umount /srv", new UmountStep("/srv", Limit).Describe());
        Assert.Equal("service smbd restart", new ServiceStep("smbd", ServiceAction.Restart, "", Limit).Describe());
        Assert.Equal("exec /usr/bin/logger became master", new ExecStep(["/usr/bin/logger", "became master"], false, null, Limit).Describe());
    }
}
