using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// Two real ucarp nodes and a client on one bridge. These prove the harness against the reference
/// implementation; the same scenarios will run with failoverd (and mixed pairs) through <see cref="ICarpNode"/>.
/// </summary>
public sealed class UcarpPairTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(15);
    private static readonly LabGroup Preferred = new();
    private static readonly LabGroup Standby = new() { AdvSkew = 50 };

    [LabFact]
    public async Task Two_nodes_elect_exactly_one_master_which_holds_the_vip()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = StartPair(lab, Preferred, Standby);
        var client = lab.AddNode("client", "192.0.2.10/24");

        await Poll.Until(() => Holders(n1, n2) > 0, Election, "a node holds the VIP");

        Assert.True(await Poll.Throughout(() => Holders(n1, n2) == 1, TimeSpan.FromSeconds(4)), "exactly one VIP holder");
        // n1 starts first and has the shorter master-down timer (3 s against 3 s + 50/256), so it wins.
        Assert.True(n1.HoldsVip());
        Assert.Equal(CarpState.Master, n1.State);
        Assert.Equal(CarpState.Backup, n2.State);
        var ping = lab.Exec(client, "ping", "-c", "3", "-i", "0.2", "-W", "1", Preferred.Vip);
        Assert.True(ping.Succeeded, $"client could not reach the VIP: {ping.StdOut}{ping.StdErr}");
    }

    [LabFact]
    public async Task Cutting_the_masters_cable_moves_the_vip_to_the_backup()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2, meter) = await StartServingPair(lab);

        var (cutAt, _) = await CutMaster(lab, n1, n2, meter);

        await Poll.Until(() => !n1.HoldsVip(), TimeSpan.FromSeconds(5), "the cut-off master drops the VIP");
        Assert.True(n2.HoldsVip());
        Assert.False(lab.HasCarrier(n1.Node));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var outage = meter.Measure(cutAt, DateTimeOffset.UtcNow);
        output.WriteLine($"ucarp advbase 1, backup advskew 50, master's cable cut: {outage}");
        // Loose bounds only: figures are for reading, not for asserting (see DESIGN.md, Testing).
        Assert.InRange(outage.LongestGap, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.True(outage.Lost > 0, "the client lost no echo requests: the cut did not take");
    }

    [LabFact]
    public async Task Plugging_the_old_master_back_leaves_exactly_one_vip_holder()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2, meter) = await StartServingPair(lab);
        await CutMaster(lab, n1, n2, meter);

        lab.PlugLink(n1.Node);

        await Poll.Until(() => lab.HasCarrier(n1.Node), TimeSpan.FromSeconds(2), "n1's carrier returns");
        await Poll.Until(() => Holders(n1, n2) == 1, Election, "exactly one VIP holder");
        Assert.True(await Poll.Throughout(() => Holders(n1, n2) == 1, TimeSpan.FromSeconds(4)), "exactly one VIP holder, stably");
        // Without preempt the better node does not take the VIP back.
        Assert.True(n2.HoldsVip());
        await meter.WaitForReplyAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2));
    }

    [LabFact]
    public async Task With_different_passwords_each_rejects_the_other_and_both_become_master()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = StartPair(lab, Preferred with { Password = "alpha" }, Standby with { Password = "bravo" });

        await n1.WaitForState(CarpState.Master, Election);
        await n2.WaitForState(CarpState.Master, Election);

        await n1.WaitForBadDigest(TimeSpan.FromSeconds(5));
        await n2.WaitForBadDigest(TimeSpan.FromSeconds(5));
        Assert.True(n1.HoldsVip() && n2.HoldsVip(), "split brain: both hold the VIP");
    }

    private static (UcarpNode N1, UcarpNode N2) StartPair(NetLab lab, LabGroup first, LabGroup second)
    {
        var n1 = UcarpNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), first);
        var n2 = UcarpNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), second);
        return (n1, n2);
    }

    /// <summary>n1 master holding the VIP, n2 backup, a client getting replies from the VIP.</summary>
    private static async Task<(UcarpNode N1, UcarpNode N2, OutageMeter Meter)> StartServingPair(NetLab lab)
    {
        var (n1, n2) = StartPair(lab, Preferred, Standby);
        var client = lab.AddNode("client", "192.0.2.10/24");
        await n1.WaitForState(CarpState.Master, Election);
        await Poll.Until(n1.HoldsVip, TimeSpan.FromSeconds(2), "n1 holds the VIP");
        var meter = OutageMeter.Start(lab, client, Preferred.Vip);
        await meter.WaitForReplyAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));
        return (n1, n2, meter);
    }

    /// <summary>Cuts n1's cable; returns when, and the first reply the client got from n2 as master.</summary>
    private static async Task<(DateTimeOffset CutAt, PingReply Takeover)> CutMaster(
        NetLab lab, UcarpNode n1, UcarpNode n2, OutageMeter meter)
    {
        var mark = n2.Process.LineCount;
        var cutAt = DateTimeOffset.UtcNow;
        lab.CutLink(n1.Node);
        var master = await n2.WaitForState(CarpState.Master, TimeSpan.FromSeconds(10), mark);
        // Replies after n2 reported MASTER can only come from n2.
        var takeover = await meter.WaitForReplyAfter(master.At, TimeSpan.FromSeconds(5));
        return (cutAt, takeover);
    }

    private static int Holders(params ICarpNode[] nodes) => nodes.Count(n => n.HoldsVip());
}
