using System.Diagnostics;
using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// The shipped DNS/DHCP template on a real pair: olorin2 as n1 (192.0.2.210), vm-olorin as n2 (192.0.2.211,
/// advskew 100), VIP 192.0.2.10. named (Bind9Server, listening on every address) runs on both nodes all the
/// time; ISC dhcpd is a unit of a simulated systemctl that the chains start on the master and stop on the backup.
/// </summary>
public sealed class DnsDhcpPairTests(ITestOutputHelper output)
{
    private const string Vip = "192.0.2.10";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [LabFact]
    public async Task Stopping_named_on_the_master_moves_the_vip_and_dhcpd_to_the_backup()
    {
        await using var lab = new NetLab(output.WriteLine);
        var nodes = new[] { lab.AddNode("n1", "192.0.2.210/24"), lab.AddNode("n2", "192.0.2.211/24") };
        var client = lab.AddNode("client", "192.0.2.50/24");
        var named = new Dictionary<LabNode, Bind9Server>();
        var units = new Dictionary<LabNode, SimulatedSystemctl>();
        foreach (var node in nodes)
        {
            named[node] = await Bind9Server.Start(lab, node, allAddresses: true);
            var dhcpd = await IscDhcpdServer.Start(lab, node);
            await dhcpd.Stop();
            units[node] = SimulatedSystemctl.Create(lab, node);
            units[node].Define("isc-dhcp-server", dhcpd.Argv);
        }
        var watched = new LabGroup { Name = "dns-dhcp", Vhid = 200, Vips = [$"{Vip}/24"] };
        ShippedTemplate Template(LabNode node) => ShippedTemplate.Load("dns-dhcp-pair.yaml")
            .Replace("/bin/systemctl", units[node].Path)
            .Replace("www.example.org", Bind9Server.Www);
        var (n1Node, n2Node) = (nodes[0], nodes[1]);

        var n1 = Template(n1Node).Start(lab, n1Node, watched);
        await n1.WaitForState(CarpState.Master, Settle);
        var n2 = Template(n2Node).Replace("advskew: 0 ", "advskew: 100 ").Start(lab, n2Node, watched);
        await n2.WaitForState(CarpState.Backup, Settle);
        await Poll.Until(() => n1.HoldsVip() && Answers(lab, client), Settle, "named answers on the VIP held by n1");
        await ProbeChange.WaitFor(n2, "bind", "UP", Settle);
        Assert.True(units[n1Node].IsActive("isc-dhcp-server") && !units[n2Node].IsActive("isc-dhcp-server"), "dhcpd on the master only");

        var mark = n1.Process.LineCount;
        var clock = Stopwatch.StartNew();
        await named[n1Node].Stop();

        var down = await ProbeChange.WaitFor(n1, "bind", "DOWN", Settle, mark);
        Assert.Contains("127.0.0.1", down.Reason);
        await n1.Process.WaitForLine(l => l.Contains("group dns-dhcp: rule dns-dhcp-down fired"), "the rule firing", Settle, mark);
        await Poll.Until(() => n2.HoldsVip() && Answers(lab, client), Settle, "n2 holds the VIP and its named answers there");
        output.WriteLine($"named stopped on n1 -> the VIP answers DNS from n2: {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.Equal((CarpState.Backup, CarpState.Master), (n1.State, n2.State));
        await Poll.Until(() => units[n2Node].IsActive("isc-dhcp-server") && !units[n1Node].IsActive("isc-dhcp-server"),
            Settle, "dhcpd moved with the VIP");
        // The 4-hour hold-down keeps n1 out even with a master-down timer long expired.
        await Poll.UntilSteady(() => n2.HoldsVip() && !n1.HoldsVip(), TimeSpan.FromSeconds(5), Settle, "n2 keeps the VIP");
    }

    private static bool Answers(NetLab lab, LabNode client) =>
        lab.Exec(client, LabTool.Require("dig", "bind9-dnsutils"), "+norecurse", "+time=1", "+tries=1", "+short", $"@{Vip}", Bind9Server.Www, "A")
            is { Succeeded: true } result && result.StdOut.Trim() == Bind9Server.WwwAddress;
}
