using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>Planned handoffs through failoverctl: release, takeover, clear.</summary>
public sealed class HandoffTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);

    private static async Task WaitUntilN1Serves(ICarpNode n1, ICarpNode n2) =>
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip() && n2.State == CarpState.Backup,
            TimeSpan.FromSeconds(2.5), Election, "n1 master holding the VIP, n2 backup");

    [LabFact]
    public async Task Release_hands_over_at_once_the_released_node_stays_backup_and_takeover_brings_it_back()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup { Preempt = true });
        await n1.WaitForState(CarpState.Master, Election);  // n1 first: deterministic on a loaded machine
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup { AdvSkew = 50, Preempt = true });
        await WaitUntilN1Serves(n1, n2);
        var meter = OutageMeter.Start(lab, lab.AddNode("client", "192.0.2.10/24"), "192.0.2.100");
        await meter.WaitForReplyAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));

        var mark = n2.Process.LineCount;
        var releasedAt = DateTimeOffset.UtcNow;
        var release = n1.Ctl("release", "web");
        Assert.True(release.Succeeded, release.StdErr);
        Assert.Contains("web: released", release.StdOut);
        var promoted = await n2.WaitForState(CarpState.Master, TimeSpan.FromSeconds(2), mark);
        Assert.Contains("bowed out", promoted.Text);
        await meter.WaitForReplyAfter(promoted.At, TimeSpan.FromSeconds(5));
        output.WriteLine($"failoverctl release: {meter.Measure(releasedAt, DateTimeOffset.UtcNow)}");
        Assert.True(meter.LongestGap(releasedAt, DateTimeOffset.UtcNow) < TimeSpan.FromSeconds(1));

        // n1 is better and preempts by configuration, but the release holds: longer than a dead interval.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.True(n2.HoldsVip() && !n1.HoldsVip());
        Assert.Equal("released", Group(n1).GetProperty("preference").GetString());

        mark = n1.Process.LineCount;
        var takenAt = DateTimeOffset.UtcNow;
        var takeover = n1.Ctl("takeover", "web");
        Assert.True(takeover.Succeeded, takeover.StdErr);
        var back = await n1.WaitForState(CarpState.Master, TimeSpan.FromSeconds(2), mark);
        await meter.WaitForReplyAfter(back.At, TimeSpan.FromSeconds(5));
        await Poll.Until(() => !n2.HoldsVip(), TimeSpan.FromSeconds(3), "n2 yields to n1's takeover");
        output.WriteLine($"failoverctl takeover: {meter.Measure(takenAt, DateTimeOffset.UtcNow)}");
        Assert.Equal("taken-over", Group(n1).GetProperty("preference").GetString());

        Assert.True(n1.Ctl("clear", "web").Succeeded);
        Assert.Equal("none", Group(n1).GetProperty("preference").GetString());
    }

    [LabFact]
    public async Task Release_hands_over_to_a_ucarp_peer_at_once()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup());
        await n1.WaitForState(CarpState.Master, Election);  // n1 first: deterministic on a loaded machine
        var n2 = UcarpNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup { AdvSkew = 50 });
        await WaitUntilN1Serves(n1, n2);

        var mark = n2.Process.LineCount;
        var releasedAt = DateTimeOffset.UtcNow;
        Assert.True(n1.Ctl("release", "web").Succeeded);
        var promoted = await n2.WaitForState(CarpState.Master, TimeSpan.FromSeconds(2), mark);

        output.WriteLine($"ucarp took over {(promoted.At - releasedAt).TotalMilliseconds:0} ms after the release");
        await Poll.Until(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(2), "the VIP on the ucarp node only");
    }

    [LabFact]
    public async Task Takeover_is_refused_when_the_master_cannot_be_beaten()
    {
        await using var lab = new NetLab(output.WriteLine);
        // Both advskew 0: n1 wins the tie by its lower address, so n2 cannot advertise better.
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup());
        await n1.WaitForState(CarpState.Master, Election);  // n1 first: deterministic on a loaded machine
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup());
        await WaitUntilN1Serves(n1, n2);

        var takeover = n2.Ctl("takeover", "web");

        Assert.Equal(1, takeover.ExitCode);
        Assert.Contains("web: cannot take over: master 192.0.2.1 advertises advbase 1 advskew 0", takeover.StdErr);
        Assert.Equal("none", Group(n2).GetProperty("preference").GetString());
        Assert.Equal(1, n2.Ctl("release", "nosuchgroup").ExitCode);
    }

    private static System.Text.Json.JsonElement Group(FailoverdNode node) =>
        node.Status().RootElement.GetProperty("groups")[0].Clone();
}
