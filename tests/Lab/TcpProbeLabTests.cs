using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>failoverd on n2 with tcp monitors against slapd's real listener on n1 (192.0.2.1:389), a closed
/// port, an address nobody holds, and the listener again while n1 drops its answers.</summary>
public sealed class TcpProbeLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);
    private static string Ip => LabTool.Require("ip", "iproute2");

    [LabFact]
    public async Task Tcp_monitors_are_up_on_a_listener_refused_on_a_closed_port_and_down_by_the_deadline_on_silence()
    {
        await using var lab = new NetLab(output.WriteLine);
        var n1 = lab.AddNode("n1", "192.0.2.1/24");
        var slapd = await SlapdServer.Start(lab, n1);
        const string schedule = "interval: 500ms, timeout: 2s, fall: 2, rise: 2";
        var n2 = FailoverdNode.Start(lab, lab.AddNode("n2", "192.0.2.2/24"), new LabGroup
        {
            Monitors =
            [
                $"{{ name: listener, tcp: {{ server: 192.0.2.1, port: 389 }}, {schedule} }}",
                $"{{ name: closed, tcp: {{ server: 192.0.2.1, port: 390 }}, {schedule} }}",
                // On the subnet but held by nobody: ARP gives up after ~3 s, so the 1.8 s deadline comes first.
                $"{{ name: nohost, tcp: {{ server: 192.0.2.99, port: 389 }}, {schedule} }}",
            ],
        });

        await AssertChange(n2, "listener", "UNKNOWN", "UP", @"connected to 192\.0\.2\.1:389 in [\d.]+ m?s");
        await AssertChange(n2, "closed", "UNKNOWN", "DOWN", @"connection refused by 192\.0\.2\.1:390");
        await AssertChange(n2, "nohost", "UNKNOWN", "DOWN", @"no answer from 192\.0\.2\.99:389 within 1\.8 s");

        // n1 drops every packet it would send to n2: n2's SYNs go unanswered, as behind a DROP rule.
        var mark = n2.Process.LineCount;
        Assert.True(lab.Exec(n1, Ip, "route", "add", "blackhole", "192.0.2.2/32").Succeeded);
        await AssertChange(n2, "listener", "UP", "DOWN", @"2 failures in a row, last: no answer from 192\.0\.2\.1:389 within 1\.8 s", mark);
        Assert.True(slapd.Process.HasExited is false, "slapd still runs: only the path is silent");

        mark = n2.Process.LineCount;
        Assert.True(lab.Exec(n1, Ip, "route", "del", "blackhole", "192.0.2.2/32").Succeeded);
        await AssertChange(n2, "listener", "DOWN", "UP", @"2 successes in a row, last: connected to 192\.0\.2\.1:389 in [\d.]+ m?s", mark);

        mark = n2.Process.LineCount;
        await slapd.Stop();
        await AssertChange(n2, "listener", "UP", "DOWN", @"2 failures in a row, last: connection refused by 192\.0\.2\.1:389", mark);
        var listener = ProbeSnapshot.Of(n2, "listener");
        Assert.Equal(("tcp", "DOWN", "connection refused by 192.0.2.1:389"), (listener.Kind, listener.Health, listener.Reason));
        Assert.Equal(["UNKNOWN -> UP", "UP -> DOWN", "DOWN -> UP", "UP -> DOWN"],
            ProbeChange.All(n2, "listener").Select(c => $"{c.From} -> {c.To}"));
        Assert.Single(ProbeChange.All(n2, "closed"));
    }

    private static async Task<ProbeChange> AssertChange(FailoverdNode node, string probe, string from, string to, string reason, int startAt = 0)
    {
        var change = await ProbeChange.WaitFor(node, probe, to, Settle, startAt);
        Assert.Equal(("tcp", from), (change.Kind, change.From));
        Assert.Matches($"^{reason}$", change.Reason);
        return change;
    }
}
