using System.Text.RegularExpressions;
using Failover.Lab.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Lab.Tests;

/// <summary>
/// failoverd's dhcp monitor (relay-mode DISCOVER) against the real ISC dhcpd. dhcpd ignores what its own
/// host sends it, so it runs on node <c>dhcp</c> (192.0.2.67) and failoverd probes it from <c>n1</c>
/// (192.0.2.1, giaddr, port 67) as it would from the peer of a pair. Each test has its own lab.
/// </summary>
public sealed partial class DhcpProbeLabTests(ITestOutputHelper output)
{
    private const string Mac = "02:66:78:64:00:01"; // the probe's fixed chaddr
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [LabFact]
    public async Task An_offer_from_the_expected_server_is_up_after_rise_runs_and_commits_no_lease()
    {
        await using var lab = new NetLab(output.WriteLine);
        var dhcpd = await IscDhcpdServer.Start(lab, lab.AddNode("dhcp", "192.0.2.67/24"));
        var n1 = StartProbe(lab, "interval: 500ms, timeout: 3s, initial: down, rise: 2, fall: 2");

        var up = await ProbeChange.WaitFor(n1, "dhcpd", "UP", Settle);
        Assert.Equal(("DOWN", "dhcp"), (up.From, up.Kind));
        Assert.Matches($"^2 successes in a row, last: {Offer}$", up.Reason);
        var later = await ProbeReading.WaitUntil(n1, "dhcpd", r => r.Successes >= 4, Settle, "dhcpd keeps offering");
        Assert.Equal(("UP", 0), (later.Health, later.Failures));
        Assert.Matches($"^{Offer}$", later.Reason);

        // dhcpd saw each DISCOVER relayed through 192.0.2.1 and offered one and the same address, and no
        // DHCPREQUEST ever followed: no lease is committed, in memory or in its database.
        var seen = dhcpd.Process.Lines.Select(l => l.Text).ToArray();
        Assert.True(seen.Count(l => l == $"DHCPDISCOVER from {Mac} via 192.0.2.1") >= 4, string.Join('\n', seen));
        var offered = seen.Select(l => OfferLogged().Match(l)).Where(m => m.Success).Select(m => m.Groups["address"].Value).ToArray();
        Assert.True(offered.Length >= 4, string.Join('\n', seen));
        Assert.Single(offered.Distinct());
        Assert.DoesNotContain(seen, l => l.StartsWith("DHCPREQUEST", StringComparison.Ordinal) || l.StartsWith("DHCPACK", StringComparison.Ordinal));
        // dhcpd appends every lease it commits to its database at once ("lease 192.0.2.150 { … }").
        var leases = dhcpd.Leases;
        output.WriteLine($"dhcpd.leases after the probes:\n{leases}");
        Assert.Contains("authoring-byte-order", leases);  // the database dhcpd rewrote at start, not our empty file
        Assert.DoesNotMatch(@"(?m)^lease ", leases);
        Assert.DoesNotContain(Mac, leases);
    }

    [LabFact]
    public async Task An_offer_from_another_server_id_is_down_naming_both()
    {
        await using var lab = new NetLab(output.WriteLine);
        await IscDhcpdServer.Start(lab, lab.AddNode("dhcp", "192.0.2.67/24"));
        var n1 = StartProbe(lab, "interval: 500ms, timeout: 3s, initial: up, rise: 2, fall: 2", expectServer: "192.0.2.9");

        var down = await ProbeChange.WaitFor(n1, "dhcpd", "DOWN", Settle);
        const string reason = "offer from server id 192.0.2.67, expected 192.0.2.9";
        Assert.Equal(("UP", $"2 failures in a row, last: {reason}"), (down.From, down.Reason));
        var later = await ProbeReading.WaitUntil(n1, "dhcpd", r => r.Failures >= 4, Settle, "the wrong server keeps answering");
        Assert.Equal(("DOWN", reason, 0), (later.Health, later.Reason, later.Successes));
        Assert.Single(ProbeChange.All(n1, "dhcpd"));
    }

    [LabFact]
    public async Task Dhcpd_stopped_is_down_after_fall_silent_runs()
    {
        await using var lab = new NetLab(output.WriteLine);
        var dhcpd = await IscDhcpdServer.Start(lab, lab.AddNode("dhcp", "192.0.2.67/24"));
        var n1 = await StartProbeUntilUp(lab, "interval: 1s, timeout: 3s, rise: 2, fall: 2");

        var mark = n1.Process.LineCount;
        var stopping = DateTimeOffset.UtcNow;
        await dhcpd.Stop();
        var down = await ProbeChange.WaitFor(n1, "dhcpd", "DOWN", Settle, mark);

        // The socket is not connected (a server may answer from another address), so an ICMP port
        // unreachable goes unseen: each run waits out the probe's deadline, 90 % of the 3 s timeout.
        const string silent = "no DHCPOFFER in 2.7 s";
        Assert.Equal($"2 failures in a row, last: {silent}", down.Reason);
        Assert.True(down.Line.At - stopping >= TimeSpan.FromSeconds(5),
            $"two 2.7 s waits cannot end within {(down.Line.At - stopping).TotalSeconds:0.00} s of the stop");
        var now = ProbeReading.Of(n1, "dhcpd");
        Assert.Equal(("DOWN", silent, 0), (now.Health, now.Reason, now.Successes));
        Assert.True(now.Failures >= 2, $"{now}");
    }

    [LabFact]
    public async Task Dhcpd_frozen_is_down_by_the_deadline_while_failoverctl_answers_at_once()
    {
        await using var lab = new NetLab(output.WriteLine);
        var dhcpd = await IscDhcpdServer.Start(lab, lab.AddNode("dhcp", "192.0.2.67/24"));
        var n1 = await StartProbeUntilUp(lab, "interval: 1s, timeout: 4s, rise: 2, fall: 2");
        var before = StatusSampler.Sample(n1, "dhcpd");

        var mark = n1.Process.LineCount;
        var frozen = DateTimeOffset.UtcNow;
        dhcpd.Freeze();
        IReadOnlyList<TimedReading> samples;
        ProbeChange down;
        try
        {
            var goingDown = ProbeChange.WaitFor(n1, "dhcpd", "DOWN", TimeSpan.FromSeconds(30), mark);
            samples = await StatusSampler.Until(goingDown, n1, "dhcpd");
            down = await goingDown;
        }
        finally
        {
            dhcpd.Thaw();
        }

        output.WriteLine($"failoverctl status before the freeze: {before}\nwhile frozen:\n  {string.Join("\n  ", samples)}");
        const string silent = "no DHCPOFFER in 3.6 s";
        Assert.Equal($"2 failures in a row, last: {silent}", down.Reason);
        Assert.True(down.Line.At - frozen >= TimeSpan.FromSeconds(6.7),
            $"two 3.6 s waits cannot end within {(down.Line.At - frozen).TotalSeconds:0.00} s of the freeze");
        Assert.True(samples.Count >= 4, $"only {samples.Count} samples");
        Assert.All(samples, s => Assert.True(s.Took < TimeSpan.FromSeconds(3), $"status took {s.Took.TotalMilliseconds:0} ms"));
        Assert.Contains(samples, s => s.Reading is { Health: "UP", Failures: 1 } && s.Reading.Reason == silent);

        var up = await ProbeChange.WaitFor(n1, "dhcpd", "UP", Settle, down.Line.Index + 1);
        Assert.Matches($"^2 successes in a row, last: {Offer}$", up.Reason);
    }

    [LabFact]
    public async Task Dhcpd_back_is_up_after_rise_runs()
    {
        await using var lab = new NetLab(output.WriteLine);
        var dhcpd = await IscDhcpdServer.Start(lab, lab.AddNode("dhcp", "192.0.2.67/24"));
        var n1 = await StartProbeUntilUp(lab, "interval: 1s, timeout: 2s, rise: 3, fall: 1");
        await dhcpd.Stop();
        var down = await ProbeChange.WaitFor(n1, "dhcpd", "DOWN", Settle);
        Assert.Equal("no DHCPOFFER in 1.8 s", down.Reason);   // fall 1: the first silent run

        var restarting = DateTimeOffset.UtcNow;
        await dhcpd.Restart();
        var up = await ProbeChange.WaitFor(n1, "dhcpd", "UP", Settle, down.Line.Index + 1);

        Assert.Matches($"^3 successes in a row, last: {Offer}$", up.Reason);
        Assert.True(up.Line.At - restarting >= TimeSpan.FromSeconds(1.8),
            $"3 runs 1 s apart cannot succeed within {(up.Line.At - restarting).TotalSeconds:0.00} s of the restart");
        var now = ProbeReading.Of(n1, "dhcpd");
        Assert.Equal(("UP", 0), (now.Health, now.Failures));
        Assert.Equal(3, ProbeChange.All(n1, "dhcpd").Count); // UNKNOWN -> UP -> DOWN -> UP, nothing between
    }

    [LabFact]
    public async Task Two_monitors_probing_from_one_address_share_its_port_and_both_stay_up()
    {
        await using var lab = new NetLab(output.WriteLine);
        await IscDhcpdServer.Start(lab, lab.AddNode("dhcp", "192.0.2.67/24"));
        var monitor = "dhcp: { server: 192.0.2.67, local: 192.0.2.1 }, interval: 300ms, timeout: 3s, rise: 1, fall: 1";
        var n1 = FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Monitors = [$"{{ name: first, {monitor} }}", $"{{ name: second, {monitor} }}"],
        });

        await ProbeChange.WaitFor(n1, "first", "UP", Settle);
        await ProbeChange.WaitFor(n1, "second", "UP", Settle);
        // Same schedule, so their runs often overlap on 192.0.2.1:67, where every offer comes back. With a
        // socket per run, one run then got both offers and the other went DOWN (fall 1) after 2.7 s.
        await ProbeReading.WaitUntil(n1, "second", r => r.Successes >= 15, Settle, "second probe runs on");
        foreach (var probe in new[] { "first", "second" })
        {
            var now = ProbeReading.Of(n1, probe);
            Assert.Equal(("UP", 0), (now.Health, now.Failures));
            Assert.Equal("UNKNOWN", Assert.Single(ProbeChange.All(n1, probe)).From);
        }
    }

    /// <summary>The probe's UP reason: an address from dhcpd's pool, its server id, the time taken.</summary>
    private static string Offer => @"DHCPOFFER of 192\.0\.2\.1(5\d|60) from 192\.0\.2\.67 in \d+(\.\d)? m?s";

    private static FailoverdNode StartProbe(NetLab lab, string schedule, string expectServer = "192.0.2.67") =>
        FailoverdNode.Start(lab, lab.AddNode("n1", "192.0.2.1/24"), new LabGroup
        {
            Monitors =
            [
                $"{{ name: dhcpd, dhcp: {{ server: 192.0.2.67, local: 192.0.2.1, expect_server: {expectServer} }}, {schedule} }}",
            ],
        });

    private static async Task<FailoverdNode> StartProbeUntilUp(NetLab lab, string schedule)
    {
        var n1 = StartProbe(lab, schedule);
        var up = await ProbeChange.WaitFor(n1, "dhcpd", "UP", Settle);
        Assert.Equal("UNKNOWN", up.From);
        Assert.Matches($"^{Offer}$", up.Reason);
        return n1;
    }

    [GeneratedRegex(@"^DHCPOFFER on (?<address>[\d.]+) to 02:66:78:64:00:01 via 192\.0\.2\.1$")]
    private static partial Regex OfferLogged();
}
