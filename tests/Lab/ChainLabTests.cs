using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>failoverd's on_master chain on a real pair: a failed step is undone, and the node gives way.</summary>
public sealed class ChainLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);

    [LabFact]
    public async Task A_failing_on_master_is_undone_and_the_peer_takes_over_and_keeps_the_vip()
    {
        await using var lab = new NetLab(output.WriteLine);
        var exported = Path.Combine(lab.WorkDirectory, "exported");
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup { AdvSkew = 50 });
        await n2.WaitForState(CarpState.Master, Election);
        await Poll.Until(n2.HoldsVip, TimeSpan.FromSeconds(5), "n2 holds the VIP");

        // n1 is preferred and preempts; its chain is: the implicit vip step, a step with an undo, a failing step.
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Preempt = true,
            OnMasterSteps =
            [
                $"{{ exec: [/bin/touch, {exported}], undo: [/bin/rm, {exported}] }}",
                "{ exec: [/bin/sh, -c, \"echo 'mount: /srv: wrong fs type' >&2; exit 32\"] }",
            ],
            ChainHoldDown = "10m",
        });

        var held = await n1.Process.WaitForLine(l => l.Contains("not eligible to be master for 10m"), "the hold", Election);
        const string failure = "on_master rolled back: step 3 (exec /bin/sh -c echo 'mount: /srv: wrong fs type' >&2; exit 32) failed: "
            + "exit 32: mount: /srv: wrong fs type";
        Assert.EndsWith(failure, held.Text);
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("on_master undo of step 2 exec /bin/rm") && l.Text.Contains(": ok in "));
        Assert.Contains(n1.Process.Lines, l => l.Text.Contains("on_master undo of step 1 vip remove: ok in "));

        // n2 took over at once from n1's bow-out and keeps the VIP: n1 no longer preempts.
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip() && n2.State == CarpState.Master && n1.State == CarpState.Backup,
            TimeSpan.FromSeconds(5), Election, "n2 master holding the VIP, n1 backup without it");
        Assert.False(File.Exists(exported), "the undo removed what step 2 made");

        using var status = n1.Status();
        var group = status.RootElement.GetProperty("groups")[0];
        Assert.Equal(failure, group.GetProperty("hold").GetProperty("reason").GetString());
        Assert.Equal(failure, group.GetProperty("ineligible").GetString());
        Assert.Equal("on_backup", group.GetProperty("last_chain").GetProperty("chain").GetString());

        // Clear ends the hold: n1 preempts again, and fails again the same way.
        var mark = n1.Process.LineCount;
        Assert.True(n1.Ctl("clear", "web").Succeeded);
        await n1.Process.WaitForLine(l => l.Contains("not eligible to be master"), "the second hold", Election, mark);
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(3), Election, "n2 keeps the VIP");
    }
}
