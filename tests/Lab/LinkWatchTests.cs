using System.Text.RegularExpressions;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>Carrier loss and return as failoverd sees it, with and without ifplugd-style debounce.</summary>
public sealed class LinkWatchTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);
    private static readonly Regex LinkDown = new(@"group web: link eth0 is down");
    private static readonly Regex LinkUp = new(@"group web: link eth0 is up");

    private static async Task<(FailoverdNode N1, FailoverdNode N2)> StartPair(NetLab lab, LabLinkDelays? n1Link = null)
    {
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), [new LabGroup()], n1Link);
        await n1.WaitForState(CarpState.Master, Election);  // n1 first: deterministic on a loaded machine
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup { AdvSkew = 50 });
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip() && n2.State == CarpState.Backup,
            TimeSpan.FromSeconds(2.5), Election, "n1 master holding the VIP, n2 backup");
        return (n1, n2);
    }

    [LabFact]
    public async Task A_master_hears_its_cable_go_at_once_and_steps_down()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, _) = await StartPair(lab);

        var mark = n1.Process.LineCount;
        var cutAt = DateTimeOffset.UtcNow;
        lab.CutLink(n1.Node);
        var down = await n1.Process.WaitForLine(LinkDown, TimeSpan.FromSeconds(2), mark);
        await n1.WaitForState(CarpState.Backup, TimeSpan.FromSeconds(1), mark);

        output.WriteLine($"carrier loss seen {(down.At - cutAt).TotalMilliseconds:0} ms after the cut");
        Assert.False(n1.HoldsVip());
    }

    [LabFact]
    public async Task Cutting_the_backups_cable_never_makes_it_master()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = await StartPair(lab);

        var mark = n2.Process.LineCount;
        lab.CutLink(n2.Node);
        await n2.Process.WaitForLine(LinkDown, TimeSpan.FromSeconds(2), mark);
        await Task.Delay(TimeSpan.FromSeconds(6));      // well past n2's 3.2 s master-down interval
        Assert.Equal(CarpState.Backup, n2.State);
        Assert.False(n2.HoldsVip());
        Assert.True(n1.HoldsVip());

        lab.PlugLink(n2.Node);
        await n2.Process.WaitForLine(LinkUp, TimeSpan.FromSeconds(2), mark);
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip(), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10),
            "n1 still the only VIP holder");
    }

    [LabFact]
    public async Task A_cut_shorter_than_down_delay_moves_nothing()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = await StartPair(lab, new LabLinkDelays(Up: TimeSpan.Zero, Down: TimeSpan.FromSeconds(2)));
        var mark = n1.Process.LineCount;

        for (int i = 0; i < 3; i++)
        {
            lab.CutLink(n1.Node);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            lab.PlugLink(n1.Node);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.DoesNotContain(n1.Process.Lines.Skip(mark), l => LinkDown.IsMatch(l.Text));
        Assert.Equal(CarpState.Master, n1.State);
        Assert.True(n1.HoldsVip() && !n2.HoldsVip());
    }

    [LabFact]
    public async Task A_flapping_link_counts_as_up_only_after_up_delay_of_calm()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = await StartPair(lab, new LabLinkDelays(Up: TimeSpan.FromSeconds(3), Down: TimeSpan.Zero));

        var cutMark = n1.Process.LineCount;
        lab.CutLink(n1.Node);
        await n1.WaitForState(CarpState.Backup, TimeSpan.FromSeconds(2), cutMark);
        await Poll.Until(() => n2.HoldsVip(), TimeSpan.FromSeconds(8), "n2 takes the VIP");
        var mark = n1.Process.LineCount;

        for (int i = 0; i < 4; i++)                    // up for 1 s at a time: never 3 s of calm
        {
            lab.PlugLink(n1.Node);
            await Task.Delay(TimeSpan.FromSeconds(1));
            lab.CutLink(n1.Node);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
        Assert.DoesNotContain(n1.Process.Lines.Skip(mark), l => LinkUp.IsMatch(l.Text));

        var pluggedAt = DateTimeOffset.UtcNow;
        lab.PlugLink(n1.Node);
        var up = await n1.Process.WaitForLine(LinkUp, TimeSpan.FromSeconds(6), mark);
        output.WriteLine($"link reported up {(up.At - pluggedAt).TotalMilliseconds:0} ms after the last plug (up_delay 3 s)");
        Assert.True(up.At - pluggedAt >= TimeSpan.FromSeconds(2.9));
        await Task.Delay(TimeSpan.FromSeconds(4));    // n1 hears n2's adverts: without preempt it stays backup
        Assert.True(n2.HoldsVip() && !n1.HoldsVip());
    }
}
