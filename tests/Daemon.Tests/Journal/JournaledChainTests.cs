using Failover.Carp.Tests.Support;
using Failover.Daemon.Config;
using Failover.Daemon.Journal;
using Failover.Daemon.Runtime;
using Failover.Daemon.Tests.Runtime;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Tests.Journal;

/// <summary>The real GroupRuntime and ChainRunner log through the journal's provider: their templates feed the table.</summary>
public sealed class JournaledChainTests : IDisposable
{
    private static readonly TimeSpan DeadInterval = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(50 * 1_000_000L / 256);

    private readonly JournalDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_failed_on_master_journals_the_transitions_each_step_with_result_and_duration_the_rollback_and_the_hold()
    {
        var loaded = ConfigLoader.Parse("""
            groups:
              - name: web
                vhid: 42
                interface: eth0
                password: secret
                advskew: 50
                vips: [192.0.2.100/24]
                on_master:
                  - vip
                  - exec: [/bin/sh, -c, "echo mounting; exit 32"]
                chain_hold_down: 1m
            """, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var clock = new ManualTimeProvider();
        using var journal = EventJournal.Open(_dir.Path, clock);
        using var loggers = new LoggerFactory([new JournalLoggerProvider(journal)]);
        var group = new GroupRuntime(loaded.Config!.Groups[0], new FakeGroupNetwork(), new FakeLinkWatch(),
            System.Net.IPAddress.Parse("192.0.2.2"), clock, loggers);
        await using (group)
        {
            group.Begin();
            clock.Advance(DeadInterval);
            await group.WhenChainsIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        var events = journal.Read();
        Assert.All(events, e => Assert.Equal("web", e.Group));
        var transitions = events.Where(e => e.Kind == JournalKinds.Transition).Select(e => $"{e.Fields["from"]} -> {e.Fields["to"]}").ToArray();
        Assert.Equal(["INIT -> BACKUP", "BACKUP -> MASTER", "MASTER -> BACKUP"], transitions[..3]);
        var steps = events.Where(e => e.Kind == JournalKinds.ChainStep && e.Fields["chain"] == "on_master")
            .Select(e => (e.Fields["which"], e.Fields["step"], e.Fields["result"])).ToArray();
        Assert.Equal([
            ("step 1/2", "vip add", "ok"),
            ("step 2/2", "exec /bin/sh -c echo mounting; exit 32", "failed"),
            ("undo of step 1", "vip remove", "undone"), // an exec has no undo
        ], steps);
        Assert.All(events.Where(e => e.Kind == JournalKinds.ChainStep), e => Assert.True(long.TryParse(e.Fields["duration_ms"], out var ms) && ms >= 0));
        var onMaster = events.Where(e => e.Kind == JournalKinds.Chain && e.Fields.GetValueOrDefault("chain") == "on_master")
            .Select(e => e.Fields["result"]).ToArray();
        Assert.Equal(["started", "rolling back", "rolled back"], onMaster);
        Assert.Contains(events, e => e.Kind == JournalKinds.Decision && e.Fields["verdict"] == "hold" && e.Fields["hold_down"] != "");
        Assert.Equal(events.Select(e => e.Seq), Enumerable.Range(1, events.Count).Select(i => (long)i));
    }
}
