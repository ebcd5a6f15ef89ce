using System.Net;
using Failover.Actions.Chains;
using Failover.Carp;
using Failover.Carp.Protocol;
using Failover.Carp.Tests.Support;
using Failover.Daemon.Config;
using Failover.Daemon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failover.Daemon.Tests.Runtime;

/// <summary>
/// The runtime's side of the chains: the vip step moves the VIPs, a backup drops them at once, and a failed
/// on_master rolls back and keeps the node out of the election for chain_hold_down (or until clear).
/// </summary>
public sealed class GroupChainTests : IAsyncDisposable
{
    private static readonly IPAddress Us = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.1");
    private static readonly TimeSpan DeadInterval = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(50 * 1_000_000L / 256);
    private const string Failure = "on_master rolled back: step 2 (exec /bin/sh -c echo mounting; exit 32) failed: exit 32: mounting";

    private readonly ManualTimeProvider _clock = new();
    private readonly FakeGroupNetwork _network = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("failover-chains-").FullName;
    private GroupRuntime? _group;

    private GroupRuntime Group => _group!;

    public async ValueTask DisposeAsync()
    {
        if (_group is not null)
            await _group.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private void Start(string chains)
    {
        var loaded = ConfigLoader.Parse($$"""
            groups:
              - name: web
                vhid: 42
                interface: eth0
                password: secret
                advskew: 50
                preempt: true
                vips: [192.0.2.100/24]
            {{chains}}
            """, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        _group = new GroupRuntime(loaded.Config!.Groups[0], _network, new FakeLinkWatch(), Us, _clock, NullLoggerFactory.Instance);
        _group.Begin();
        Settle();
    }

    private void Settle() => Assert.True(Group.WhenChainsIdleAsync().Wait(TimeSpan.FromSeconds(20)), "chains still running");

    private string File(string name) => Path.Combine(_dir, name);

    private void FailingOnMaster() => Start("""
            on_master:
              - vip
              - exec: [/bin/sh, -c, "echo mounting; exit 32"]
              - exec: [/bin/true]
            chain_hold_down: 1m
        """);

    private void TakeOverAndSettle()
    {
        _clock.Advance(DeadInterval);
        Settle();
    }

    [Fact]
    public void The_on_master_steps_run_after_the_implicit_vip_step()
    {
        Start($"""
                on_master:
                  - exec: [/bin/sh, -c, "ip=$(cat /dev/null); echo up >> {File("log")}"]
            """);

        TakeOverAndSettle();

        Assert.Equal(["up"], System.IO.File.ReadAllLines(File("log")));
        Assert.Equal(["vip add", $"exec /bin/sh -c ip=$(cat /dev/null); echo up >> {File("log")}"], Group.Status().LastChain!.Steps.Select(s => s.Step));
    }

    [Fact]
    public void A_failed_on_master_is_undone_bows_out_and_holds_the_node_out_of_the_election()
    {
        FailingOnMaster();
        _network.Events.Clear();

        TakeOverAndSettle();

        // Took over, added and announced the VIP; the failed step's rollback removed it; the hold bowed out
        // (advbase 255) and dropped the VIP at once; the on_backup that followed removed it again.
        Assert.Equal(["advert", "add 192.0.2.100/24", "garp 192.0.2.100", "remove 192.0.2.100/24", "advert",
            "remove 192.0.2.100/24", "remove 192.0.2.100/24"], _network.Events);
        Assert.Equal(CarpTiming.BowOut, CarpHeader.Read(_network.Adverts[^1].AsSpan(20)).Timing);
        var status = Group.Status();
        Assert.Equal(CarpState.Backup, status.State);
        Assert.Equal($"not eligible: {Failure}", status.LastTransition!.Reason);
        Assert.Equal(Failure, status.IneligibleReason);
        Assert.Equal(new ChainHold(Failure, _clock.GetUtcNow() + TimeSpan.FromMinutes(1)), status.Hold);
        Assert.Equal((ChainKind.VipDown, ChainOutcome.Succeeded), (status.LastChain!.Kind, status.LastChain.Outcome));
    }

    [Fact]
    public void The_vip_step_of_a_group_no_longer_master_is_superseded_not_failed()
    {
        // The trial's race: the returning master's advert is handled after on_master's vip step was started (the
        // runner's cut check passed) and before the step took the group's lock. Failed, it rolled the chain back and
        // held the node out of the election for chain_hold_down; superseded, the chain is cut and nothing is held.
        Start("    chain_hold_down: 5m");
        TakeOverAndSettle();
        Group.OnPacket(PeerAdverts.Packet(Peer, advskew: 0));
        Settle();
        Assert.Equal(CarpState.Backup, Group.Status().State);

        var outcome = ((Failover.Actions.Steps.IGroupVips)Group).Add();

        Assert.True(outcome.IsSuperseded, outcome.Detail);
        Assert.False(outcome.Succeeded);
        Assert.Equal("the group is no longer master", outcome.Detail);
        Assert.Null(Group.Status().Hold);
    }

    [Fact]
    public async Task A_master_blip_leaves_the_node_eligible_its_cut_on_master_is_no_failure()
    {
        // The blip race: this node takes over, and the returning master's better advert arrives while the
        // on_master is still at a step before its vip step; that step then finds the group no longer master.
        // Two FIFOs, no sleeps: the step says it started through one (the test's read waits for it), then waits
        // on the other until the test has delivered the advert.
        var started = File("started");
        var gate = File("gate");
        foreach (var fifo in new[] { started, gate })
        {
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo);
            mkfifo.WaitForExit();
        }
        Start($"""
                on_master:
                  - exec: [/bin/sh, -c, "echo started > {started}; read line < {gate}"]
                  - vip
                chain_hold_down: 5m
            """);
        _clock.Advance(DeadInterval);
        Assert.Equal(CarpState.Master, Group.Status().State);
        var fifoWait = TimeSpan.FromSeconds(20); // a FIFO's open blocks until the other side opens it
        Assert.Equal("started\n", await Task.Run(() => System.IO.File.ReadAllText(started)).WaitAsync(fifoWait)); // at its first step
        Group.OnPacket(PeerAdverts.Packet(Peer, advskew: 0)); // the master is back, 7 ms later in the trial
        Assert.Equal(CarpState.Backup, Group.Status().State);
        await Task.Run(() => System.IO.File.WriteAllText(gate, "go\n")).WaitAsync(fifoWait); // the first step ends; the vip step runs
        Settle();

        var status = Group.Status();
        Assert.Null(status.Hold);
        Assert.Null(status.IneligibleReason);
        Assert.Equal(CarpState.Backup, status.State);
        Assert.Equal((ChainKind.VipDown, ChainOutcome.Succeeded), (status.LastChain!.Kind, status.LastChain.Outcome));
        Assert.DoesNotContain(_network.Events, e => e.StartsWith("add ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_held_node_stays_backup_without_a_master_and_refuses_a_takeover_until_the_hold_ends()
    {
        FailingOnMaster();
        TakeOverAndSettle();

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(CarpState.Backup, Group.Status().State);
        Assert.False(Group.TryTakeOver(out var refusal));
        Assert.Equal($"this node is not eligible: {Failure}", refusal);
        Group.OnPacket(PeerAdverts.Packet(Peer, advskew: 200)); // worse than ours, and we preempt: but not now
        Assert.Equal(CarpState.Backup, Group.Status().State);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(Group.Status().Hold);
        Assert.Null(Group.Status().IneligibleReason);
        _clock.Advance(DeadInterval);
        Assert.Equal(CarpState.Master, Group.Status().State); // and it tries again
        Settle();
    }

    [Fact]
    public void Clear_ends_the_hold_at_once()
    {
        FailingOnMaster();
        TakeOverAndSettle();

        Group.Clear();

        Assert.Null(Group.Status().Hold);
        Assert.Null(Group.Status().IneligibleReason);
        Assert.True(Group.TryTakeOver(out var refusal), refusal);
        Settle();
    }

    [Fact]
    public void Each_blocker_source_holds_its_own_reason()
    {
        Start("");
        TakeOverAndSettle();

        Group.SetBlocker("rules", "smbd is down");
        Assert.Equal(CarpState.Backup, Group.Status().State);
        Assert.Equal("not eligible: smbd is down", Group.Status().LastTransition!.Reason);
        Group.SetBlocker("other", "drbd is not UpToDate");
        Assert.Equal("drbd is not UpToDate; smbd is down", Group.Status().IneligibleReason);

        Group.SetBlocker("rules", null);
        Assert.Equal("drbd is not UpToDate", Group.Status().IneligibleReason);
        Group.SetBlocker("other", null);
        Assert.Null(Group.Status().IneligibleReason);
        _clock.Advance(DeadInterval);
        Assert.Equal(CarpState.Master, Group.Status().State);
        Settle();
    }

    [Fact]
    public void A_node_that_becomes_backup_drops_its_vips_at_once_while_a_slow_on_master_runs_and_cuts_it()
    {
        var go = File("go");
        Start($"""
                on_master:
                  - vip
                  - exec: [/bin/sh, -c, "while [ ! -e {go} ]; do sleep 0.05; done"]
                  - exec: [/bin/sh, -c, "echo never >> {File("log")}"]
            """);
        _network.Events.Clear();
        _clock.Advance(DeadInterval);
        Poll(() => _network.Events.Contains("garp 192.0.2.100"));

        Group.OnPacket(PeerAdverts.Packet(Peer, advskew: 0));   // a better master: backup now

        Assert.Equal(["remove 192.0.2.100/24"], _network.Events.Where(e => e.StartsWith("remove", StringComparison.Ordinal)));
        System.IO.File.WriteAllText(go, "");
        Settle();
        Assert.False(System.IO.File.Exists(File("log")));
        Assert.Equal(1, _network.Count("add"));
        Assert.Equal((ChainKind.VipDown, ChainOutcome.Succeeded), (Group.Status().LastChain!.Kind, Group.Status().LastChain!.Outcome));
    }

    private static void Poll(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not met in 10 s");
            Thread.Sleep(20);
        }
    }
}
