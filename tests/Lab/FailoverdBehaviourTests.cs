using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>What failoverd does beyond what the shared pair scenarios check.</summary>
public sealed class FailoverdBehaviourTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(20);

    private static async Task<(FailoverdNode N1, FailoverdNode N2)> StartPair(NetLab lab, LabGroup first, LabGroup second)
    {
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), first);
        await n1.WaitForState(CarpState.Master, Election);  // n1 first: deterministic on a loaded machine
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), second);
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip() && n2.State == CarpState.Backup,
            TimeSpan.FromSeconds(2), Election, "n1 master holding the VIP, n2 backup");
        return (n1, n2);
    }

    [LabFact]
    public async Task With_preempt_the_preferred_master_takes_the_vip_back_when_its_cable_returns()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = await StartPair(lab, new LabGroup { Preempt = true }, new LabGroup { AdvSkew = 50, Preempt = true });

        var mark = n1.Process.LineCount;          // before the cut: the step-down is logged within ms
        lab.CutLink(n1.Node);
        await n1.WaitForState(CarpState.Backup, TimeSpan.FromSeconds(2), mark);
        await Poll.Until(() => n2.HoldsVip(), TimeSpan.FromSeconds(8), "n2 takes the VIP");

        lab.PlugLink(n1.Node);
        await Poll.UntilSteady(() => n1.HoldsVip() && !n2.HoldsVip(), TimeSpan.FromSeconds(3), Election,
            "n1 (advskew 0, preempt) holds the VIP again, n2 does not");
        Assert.Equal(CarpState.Backup, n2.State);
    }

    [LabFact]
    public async Task Rejected_adverts_are_counted_by_reason_in_failoverctl_status()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup { Password = "alpha" });
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup { Password = "bravo", AdvSkew = 50 });
        await n1.WaitForState(CarpState.Master, Election);

        await Poll.Until(() => BadHmacCount(n2) >= 2, TimeSpan.FromSeconds(10), "n2 counts n1's adverts as bad HMAC");
        using var status = n2.Status();
        var group = status.RootElement.GetProperty("groups")[0];
        Assert.Equal("MASTER", group.GetProperty("state").GetString());
        Assert.Equal(0, group.GetProperty("adverts").GetProperty("received").GetInt64());
    }

    [LabFact]
    public async Task Stopping_the_master_hands_over_at_once_by_bowing_out()
    {
        await using var lab = new NetLab(output.WriteLine);
        var (n1, n2) = await StartPair(lab, new LabGroup(), new LabGroup { AdvSkew = 50 });
        var meter = OutageMeter.Start(lab, lab.AddNode("client", "192.0.2.10/24"), "192.0.2.100");
        await meter.WaitForReplyAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));

        var mark = n2.Process.LineCount;
        var stoppedAt = DateTimeOffset.UtcNow;
        await n1.Stop();
        var promoted = await n2.WaitForState(CarpState.Master, TimeSpan.FromSeconds(2), mark);
        await meter.WaitForReplyAfter(promoted.At, TimeSpan.FromSeconds(5));

        Assert.Contains("bowed out", promoted.Text);
        Assert.Equal(0, n1.Process.ExitCode);
        Assert.False(n1.HoldsVip());
        var outage = meter.Measure(stoppedAt, DateTimeOffset.UtcNow);
        output.WriteLine($"failoverd master stopped with SIGTERM: {outage}");
        // Far below the 3.2 s master-down interval a crash would cost; loose bound, not a benchmark.
        Assert.True(outage.LongestGap < TimeSpan.FromSeconds(1.5), $"handoff took {outage.LongestGap}");
    }

    [LabFact]
    public async Task A_slow_on_master_hook_gets_ucarp_arguments_and_does_not_delay_advertisements()
    {
        await using var lab = new NetLab(output.WriteLine);
        var marker = Path.Combine(lab.WorkDirectory, "hook-args");
        var hook = lab.WriteFile("slow-vip-up.sh", $"#!/bin/sh\necho \"$@\" > {marker}\nsleep 12\n", executable: true);
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup { OnMaster = [hook] });
        await n1.WaitForState(CarpState.Master, Election);
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup { AdvSkew = 50 });
        await n2.WaitForState(CarpState.Backup, TimeSpan.FromSeconds(10));

        // n1's hook sleeps 12 s; a blocked protocol loop would let n2's 3.2 s master-down timer run out.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(CarpState.Backup, n2.State);
        Assert.True(n1.HoldsVip());
        Assert.Equal("eth0 192.0.2.100", File.ReadAllText(marker).Trim());
    }

    [LabFact]
    public async Task Several_groups_with_several_vips_are_independent_and_follow_the_link()
    {
        await using var lab = new NetLab(output.WriteLine);
        // web prefers n1, dns prefers n2: an active/active pair on one daemon per node.
        var web = new LabGroup { Name = "web", Vhid = 42, Vips = ["192.0.2.100/24", "192.0.2.101/24"], Preempt = true };
        var dns = new LabGroup { Name = "dns", Vhid = 43, Vips = ["192.0.2.110/24"], Preempt = true };
        var n1Node = lab.AddNode("n1", "192.0.2.1/24");
        var n2Node = lab.AddNode("n2", "192.0.2.2/24");
        FailoverdNode.Start(lab, n1Node, [web, dns with { AdvSkew = 50 }]);
        FailoverdNode.Start(lab, n2Node, [web with { AdvSkew = 50 }, dns]);

        await Poll.UntilSteady(
            () => Holds(lab, n1Node, "192.0.2.100", "192.0.2.101") && Holds(lab, n2Node, "192.0.2.110")
                && !Holds(lab, n1Node, "192.0.2.110") && !Holds(lab, n2Node, "192.0.2.100"),
            TimeSpan.FromSeconds(2), Election, "web's two VIPs on n1, dns's VIP on n2");

        lab.CutLink(n1Node);
        await Poll.Until(() => Holds(lab, n2Node, "192.0.2.100", "192.0.2.101", "192.0.2.110") && !Holds(lab, n1Node, "192.0.2.100"),
            TimeSpan.FromSeconds(10), "every VIP on n2, none left on the cut-off n1");
    }

    private static bool Holds(NetLab lab, LabNode node, params string[] addresses) => addresses.All(a => lab.HasAddress(node, a));

    private static long BadHmacCount(FailoverdNode node)
    {
        using var status = node.Status();
        var rejected = status.RootElement.GetProperty("groups")[0].GetProperty("adverts").GetProperty("rejected");
        return rejected.TryGetProperty("bad_hmac", out var count) ? count.GetInt64() : 0;
    }
}
