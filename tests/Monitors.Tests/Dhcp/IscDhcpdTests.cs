using System.Net;
using Failover.Monitors.Dhcp;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Dhcp;

/// <summary>The probe against the real ISC dhcpd, relayed from another namespace (REFERENCE §4).</summary>
public sealed class IscDhcpdTests
{
    [RootWithDhcpdFact]
    public async Task A_relayed_discover_gets_an_offer_from_isc_dhcpd_and_takes_no_lease()
    {
        using var lab = new IscDhcpdLab();
        var options = new DhcpProbeOptions
        {
            Server = IPAddress.Parse("192.0.2.1"),
            LocalAddress = IPAddress.Parse("192.0.2.5"), // giaddr, bound on port 67 like a relay agent
            ExpectedServerId = IPAddress.Parse("192.0.2.1"),
            Timeout = TimeSpan.FromSeconds(1),
        };
        var probe = new DhcpProbe("dhcpd", options);

        // dhcpd needs a moment to open its sockets; the first probes may go unanswered.
        ProbeResult result = null!;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // The socket is created before RunAsync's first await, so it lives in the client namespace.
            result = await NetworkNamespace.Enter(lab.ClientNamespace, () => probe.RunAsync(CancellationToken.None))
                .WaitAsync(TimeSpan.FromSeconds(10));
            if (result.Healthy)
            {
                break;
            }
        }
        Assert.True(result.Healthy, $"{result.Reason}\n{lab.Output}");
        Assert.Matches(@"^DHCPOFFER of 192\.0\.2\.(5\d|60) from 192\.0\.2\.1 in \d+(\.\d)? m?s$", result.Reason);
        var logged = "DHCPDISCOVER from 02:66:78:64:00:01 via 192.0.2.5";
        for (var wait = 0; wait < 20 && !lab.Output.Contains(logged); wait++)
        {
            await Task.Delay(100); // dhcpd's log reaches us through a pipe, after its reply
        }
        Assert.Contains(logged, lab.Output);
        Assert.DoesNotContain("DHCPREQUEST", lab.Output);
        Assert.DoesNotContain("binding state active", lab.Leases);

        var wrong = new DhcpProbe("dhcpd", options with { ExpectedServerId = IPAddress.Parse("192.0.2.9") });
        var refused = await NetworkNamespace.Enter(lab.ClientNamespace, () => wrong.RunAsync(CancellationToken.None));
        Assert.Equal("offer from server id 192.0.2.1, expected 192.0.2.9", refused.Reason);
    }
}
