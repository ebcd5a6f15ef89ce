using System.Net;
using Failover.Carp;
using Failover.Daemon.Config;
using Failover.Daemon.Runtime;
using Failover.Monitors.Health;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>Two daemons' channels over loopback (127.0.0.1 and 127.0.0.2, one port): facts across, a wrong key refused.</summary>
public sealed class PeerChannelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static IReadOnlyList<GroupConfig> Groups(string password) =>
        ConfigLoader.Parse($$"""
            groups:
              - { name: web, vhid: 1, interface: eth0, password: {{password}}, vips: [10.4.0.10/24] }
            """, "test.yaml").Config!.Groups;

    private static PeerConfig To(string node, string address, string listen, int port) =>
        new(node, IPAddress.Parse(address), port, IPAddress.Parse(listen), null, null, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3));

    private static async Task<T> Until<T>(Func<T> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Wait;
        while (!done(read()) && DateTime.UtcNow < until)
            await Task.Delay(20);
        return read();
    }

    [Fact]
    public async Task Each_node_hears_the_other_s_facts_and_a_wrong_key_is_refused_and_counted()
    {
        var port = Random.Shared.Next(20000, 40000);
        var log = new LogLines();
        await using var varda = PeerChannel.Start(To("yavanna", "127.0.0.2", "127.0.0.1", port), "varda", Groups("secret"), TimeProvider.System, log.Factory);
        await using (var yavanna = PeerChannel.Start(To("varda", "127.0.0.1", "127.0.0.2", port), "yavanna", Groups("secret"), TimeProvider.System, log.Factory))
        {
            var heard = 0;
            varda.Changed += () => Interlocked.Increment(ref heard);
            yavanna.Publish(new Rules.Facts.GroupFacts { Group = "web", State = CarpState.Backup }.WithProbe("svc", ServiceHealth.Down));
            varda.Publish(new Rules.Facts.GroupFacts { Group = "web", State = CarpState.Master });

            var (reachable, peer) = await Until(() => varda.For("web"), p => p.Peer is not null);
            Assert.True(reachable);
            Assert.Equal((CarpState.Backup, ServiceHealth.Down), (peer!.State, peer.Probes["svc"].Health));
            // Changed is raised on the link's task just after the view is published: wait for it, don't race it.
            Assert.True(await Until(() => Volatile.Read(ref heard), n => n > 0) > 0);
            var report = await Until(varda.Report, r => r.Version is not null);
            Assert.Equal(("yavanna", true, FailoverDaemon.Version, "BACKUP"), (report.Node, report.Reachable, report.Version, report.Groups.Single().State));
            Assert.Equal("DOWN", report.Groups.Single().Probes.Single().Health);
            Assert.Equal(CarpState.Master, (await Until(() => yavanna.For("web"), p => p.Peer is not null)).Peer!.State);
        }

        // The peer restarts with another group password, so another derived key: unreachable, its frames refused.
        Assert.False((await Until(() => varda.For("web"), p => !p.Reachable)).Reachable);
        await using var impostor = PeerChannel.Start(To("varda", "127.0.0.1", "127.0.0.2", port), "yavanna", Groups("other"), TimeProvider.System, log.Factory);
        impostor.Publish(new Rules.Facts.GroupFacts { Group = "web", State = CarpState.Master });
        var rejected = await Until(varda.Report, r => r.Rejects.ContainsKey("BadMac"));
        Assert.True(rejected.Rejects["BadMac"] > 0, string.Join(", ", rejected.Rejects));
        Assert.False(rejected.Reachable);
        Assert.Equal((false, null), varda.For("web"));
    }
}
