using Failover.Carp;
using Failover.Monitors.Drbd;
using Failover.Rules.Engine;
using Failover.Rules.Facts;
using Failover.Rules.Tests.Support;

namespace Failover.Rules.Tests.Engine;

/// <summary>The checks no rule can switch off, one situation each.</summary>
public sealed class SafetyTests
{
    private static GroupFacts Situation(string name) => name switch
    {
        "healthy master" => Sample.Master(),
        "backup resyncing" => Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "SyncTarget", LocalDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(12.5) }),
        "backup outdated" => Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "WFConnection", LocalDisk = DrbdDiskState.Outdated, PeerDisk = DrbdDiskState.DUnknown }),
        "r0 not reported" => Sample.Backup() with { Drbd = DrbdFactNames.Collect(["r0"], []) },
        "master split brain" => Sample.Master().WithDrbd("r0", s => s with { ConnectionState = "StandAlone", SplitBrain = true }),
        "master vip-up failed" => Sample.Master() with { VipUpFailedAt = Sample.T0.AddSeconds(-5) },
        "backup vip-up failed" => Sample.Backup() with { VipUpFailedAt = Sample.T0.AddSeconds(-5) },
        "link lost, not in sync" => Sample.Backup() with { LinkLostUnsynced = true },
        "master resyncing as source" => Sample.Master().WithDrbd("r0", s => s with { ConnectionState = "SyncSource", PeerDisk = DrbdDiskState.Inconsistent }),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("healthy master", true, true, null)]
    [InlineData("master resyncing as source", true, true, null)]
    [InlineData("backup resyncing", false, true, "r0 disk is Inconsistent (SyncTarget 12.5%)")]
    [InlineData("backup outdated", false, true, "r0 disk is Outdated (WFConnection)")]
    [InlineData("r0 not reported", false, true, "r0 disk is DUnknown (Unknown)")]
    [InlineData("master split brain", false, true, "r0: split brain flagged (StandAlone)")]
    [InlineData("master vip-up failed", false, false, "the vip-up chain failed: keep no VIPs")]
    [InlineData("backup vip-up failed", true, true, null)]
    [InlineData("link lost, not in sync", false, true, "the link was lost and the resources have not been in sync since")]
    public void Situations(string situation, bool mayBecome, bool mayStay, string? reason)
    {
        var evaluation = RuleEngine.Evaluate(Situation(situation), [], Sample.T0);
        Assert.Equal(mayBecome, evaluation.MayBecomeMaster);
        Assert.Equal(mayStay, evaluation.MayStayMaster);
        Assert.Equal(reason, evaluation.Vetoes.SingleOrDefault()?.Reason);
        if (reason is not null)
            Assert.Equal("safety", evaluation.Vetoes[0].Source);
    }

    [Fact]
    public void Each_resource_is_checked()
    {
        var facts = Sample.Backup().WithDrbd("r1", s => s with { LocalDisk = DrbdDiskState.Inconsistent, SplitBrain = true });
        var evaluation = RuleEngine.Evaluate(facts, [], Sample.T0);
        Assert.Equal(["r1 disk is Inconsistent (Connected)", "r1: split brain flagged (Connected)"], evaluation.Vetoes.Select(v => v.Reason));
        Assert.Equal(6, evaluation.Safety.Count);
    }

    [Fact]
    public void Without_drbd_only_the_vip_and_link_checks_remain()
    {
        var facts = Sample.Master() with { Drbd = DrbdFactNames.Collect([], []) };
        Assert.Equal(["vip-up chain", "in sync since the last link loss"], RuleEngine.Evaluate(facts, [], Sample.T0).Safety.Select(s => s.Check));
    }

    [Fact]
    public void Rules_come_before_safety_before_hold_down_in_the_vetoes()
    {
        var facts = Situation("backup resyncing");
        var rule = Sample.Rule("resync", "drbd.r0.connection == SyncTarget", new Decisions.ForbidMaster(), new Decisions.HoldDown(TimeSpan.FromMinutes(1)));
        Assert.Equal(["rule resync", "safety", "hold-down"], RuleEngine.Evaluate(facts, [rule], Sample.T0).Vetoes.Select(v => v.Source));
    }

    [Fact]
    public void A_rule_cannot_lift_safety()
    {
        // Nothing in the language allows master: the only way in is the absence of vetoes.
        var facts = Situation("master split brain") with { State = CarpState.Backup };
        var rule = Sample.Rule("anything", "drbd.r0.split_brain", new Decisions.Notify("split brain"));
        Assert.False(RuleEngine.Evaluate(facts, [rule], Sample.T0).MayBecomeMaster);
    }

    [Fact]
    public void Through_a_split_brain_recovery_the_victim_may_not_become_master_until_its_disk_is_UpToDate_again()
    {
        // The states the victim goes through: split, resyncing from the survivor, done.
        var split = Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "StandAlone", PeerDisk = DrbdDiskState.DUnknown, SplitBrain = true });
        var resyncing = Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "SyncTarget", LocalDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(40) });
        var done = Sample.Backup();
        // The survivor while it feeds the victim: its data is the good copy, it may serve.
        var survivor = Sample.Backup().WithDrbd("r0", s => s with { ConnectionState = "SyncSource", PeerDisk = DrbdDiskState.Inconsistent, Sync = new DrbdSyncProgress(40) });

        Assert.Equal([false, false, true, true],
            new[] { split, resyncing, done, survivor }.Select(f => RuleEngine.Evaluate(f, [], Sample.T0).MayBecomeMaster));
    }
}
