using Failover.Carp;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>failoverd running its monitors: health in status, changes in the log, failoverctl probe.</summary>
public sealed class ProbeTests(ITestOutputHelper output)
{
    [LabFact]
    public async Task Monitors_run_on_their_schedule_and_show_in_status_and_failoverctl_probe()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Monitors =
            [
                "{ name: closed-port, tcp: { server: 192.0.2.1, port: 9 }, interval: 200ms, timeout: 150ms, fall: 2 }",
                "{ name: always-ok, exec: { argv: [/bin/echo, all is well] }, interval: 200ms, timeout: 1s, rise: 2 }",
            ],
        });
        await n1.WaitForState(CarpState.Master, TimeSpan.FromSeconds(20));

        await n1.Process.WaitForLine(l => l.Contains("group web: probe closed-port (tcp) UNKNOWN -> DOWN: connection refused by 192.0.2.1:9"),
            "the closed port reported DOWN with its reason", TimeSpan.FromSeconds(5));
        await Poll.Until(() => Probe(n1, "always-ok").GetProperty("health").GetString() == "UP", TimeSpan.FromSeconds(5), "always-ok UP");
        var closed = Probe(n1, "closed-port");
        Assert.Equal("DOWN", closed.GetProperty("health").GetString());
        Assert.Equal("connection refused by 192.0.2.1:9", closed.GetProperty("reason").GetString());
        Assert.True(closed.GetProperty("failures").GetInt32() >= 2);

        var once = n1.Ctl("probe", "always-ok");
        Assert.Equal(0, once.ExitCode);
        Assert.Matches(@"^web/always-ok \(exec\): UP in [\d.]+ ms: all is well", once.StdOut);
        var refused = n1.Ctl("probe", "web/closed-port");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("DOWN", refused.StdOut);
        Assert.Equal(1, n1.Ctl("probe", "nosuch").ExitCode);
    }

    private static System.Text.Json.JsonElement Probe(FailoverdNode node, string name)
    {
        using var status = node.Status();
        return status.RootElement.GetProperty("groups")[0].GetProperty("probes").EnumerateArray()
            .First(p => p.GetProperty("name").GetString() == name).Clone();
    }
}
