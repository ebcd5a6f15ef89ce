using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Two CARP nodes (n1 advskew 0, n2 advskew 50) and a client on one bridge, whatever speaks CARP on
/// them: a subclass says how to start a node (ucarp, failoverd, or one of each) and inherits every test.
/// </summary>
/// <remarks>
/// The tests wait for a steady state instead of asserting the first one, and do not assert which node
/// wins the first election: with ucarp both can be master for a moment at start (see UcarpPairTests).
/// </remarks>
public abstract class CarpPairScenarios(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(4);
    private static readonly LabGroup Preferred = new();
    private static readonly LabGroup Standby = new() { AdvSkew = 50 };

    [LabFact]
    public async Task Two_nodes_elect_exactly_one_master_which_holds_the_vip()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = StartPair(lab, Preferred, Standby);
        var client = lab.AddNode("client", "192.0.2.10/24");

        await Poll.UntilSteady(() => Holders(n1, n2) == 1, Steady, Election, "exactly one VIP holder");

        var (master, backup) = n1.HoldsVip() ? (n1, n2) : (n2, n1);
        Assert.Equal(CarpState.Master, master.State);
        Assert.Equal(CarpState.Backup, backup.State);
        var ping = lab.Exec(client, LabTool.Require("ping", "iputils-ping"), "-c", "3", "-i", "0.2", "-W", "1", Preferred.Vip);
        Assert.True(ping.Succeeded, $"client could not reach the VIP: {ping.StdOut}{ping.StdErr}");
    }

    [LabFact]
    public async Task Cutting_the_masters_cable_moves_the_vip_to_the_backup()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (master, backup, meter) = await StartServingPair(lab);

        var cutAt = await CutMaster(lab, master, backup, meter);

        await Poll.Until(() => !master.HoldsVip(), TimeSpan.FromSeconds(5), "the cut-off master drops the VIP");
        Assert.True(backup.HoldsVip());
        Assert.False(lab.HasCarrier(master.Node));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var outage = meter.Measure(cutAt, DateTimeOffset.UtcNow);
        output.WriteLine(
            $"{GetType().Name}: advbase 1, {master.Node.Name}'s cable cut, {backup.Node.Name} (advskew {backup.Group.AdvSkew}) took over: {outage}");
        // Loose bounds only: figures are for reading, not for asserting (see DESIGN.md, Testing).
        Assert.InRange(outage.LongestGap, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.True(outage.Lost > 0, "the client lost no echo requests: the cut did not take");
    }

    [LabFact]
    public async Task Plugging_the_old_master_back_leaves_exactly_one_vip_holder()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (master, backup, meter) = await StartServingPair(lab);
        await CutMaster(lab, master, backup, meter);

        lab.PlugLink(master.Node);

        await Poll.Until(() => lab.HasCarrier(master.Node), TimeSpan.FromSeconds(2), "the old master's carrier returns");
        await Poll.UntilSteady(() => Holders(master, backup) == 1, Steady, Election, "exactly one VIP holder");
        // Without preempt nobody takes the VIP back from the new master.
        Assert.True(backup.HoldsVip());
        await meter.WaitForReplyAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2));
    }

    [LabFact]
    public async Task With_different_passwords_each_rejects_the_other_and_both_become_master()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = StartPair(lab, Preferred with { Password = "alpha" }, Standby with { Password = "bravo" });

        await n1.WaitForState(CarpState.Master, Election);
        await n2.WaitForState(CarpState.Master, Election);

        await WaitForRejectedAdvert(n1, TimeSpan.FromSeconds(5));
        await WaitForRejectedAdvert(n2, TimeSpan.FromSeconds(5));
        Assert.True(n1.HoldsVip() && n2.HoldsVip(), "split brain: both hold the VIP");
    }

    /// <summary>Starts the CARP speaker under test on <paramref name="node"/> (n1 or n2).</summary>
    protected abstract ICarpNode Start(NetLab lab, LabNode node, LabGroup group);

    /// <summary>The node's complaint about an advert whose HMAC did not check out.</summary>
    protected abstract Task<LabLine> WaitForRejectedAdvert(ICarpNode node, TimeSpan timeout);

    private (ICarpNode N1, ICarpNode N2) StartPair(NetLab lab, LabGroup first, LabGroup second)
    {
        var n1 = Start(lab, lab.AddNode("n1", "192.0.2.1/24"), first);
        var n2 = Start(lab, lab.AddNode("n2", "192.0.2.2/24"), second);
        return (n1, n2);
    }

    /// <summary>
    /// One node master holding the VIP, the other backup (steady for longer than an advert can be
    /// late), and a client getting replies from the VIP.
    /// </summary>
    private async Task<(ICarpNode Master, ICarpNode Backup, OutageMeter Meter)> StartServingPair(NetLab lab)
    {
        var (n1, n2) = StartPair(lab, Preferred, Standby);
        var client = lab.AddNode("client", "192.0.2.10/24");
        await Poll.UntilSteady(
            () => Holders(n1, n2) == 1 && n1.State != n2.State,
            TimeSpan.FromSeconds(2.5), Election, "one node holds the VIP and the other is backup");
        var (master, backup) = n1.HoldsVip() ? (n1, n2) : (n2, n1);
        var meter = OutageMeter.Start(lab, client, Preferred.Vip);
        await meter.WaitForReplyAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));
        return (master, backup, meter);
    }

    /// <summary>Cuts the master's cable; returns when, once the client gets replies from the new master.</summary>
    private static async Task<DateTimeOffset> CutMaster(NetLab lab, ICarpNode master, ICarpNode backup, OutageMeter meter)
    {
        var mark = backup.Process.LineCount;
        var cutAt = DateTimeOffset.UtcNow;
        lab.CutLink(master.Node);
        var promoted = await backup.WaitForState(CarpState.Master, TimeSpan.FromSeconds(10), mark);
        // Replies after the backup reported MASTER can only come from it.
        await meter.WaitForReplyAfter(promoted.At, TimeSpan.FromSeconds(5));
        return cutAt;
    }

    private static int Holders(params ICarpNode[] nodes) => nodes.Count(n => n.HoldsVip());
}
