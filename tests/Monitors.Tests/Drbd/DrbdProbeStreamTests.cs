using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Drbd;

/// <summary>The streamed events2 source against a simulated drbdsetup (these machines have no DRBD module).</summary>
public sealed class DrbdProbeStreamTests : IAsyncLifetime
{
    private const string Healthy = """
        exists resource name:r0 role:Primary suspended:no may_promote:no promotion_score:10101
        exists connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Secondary
        exists device name:r0 volume:0 minor:0 disk:UpToDate client:no quorum:yes
        exists peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:Established peer-disk:UpToDate peer-client:no resync-suspended:no
        exists path name:r0 peer-node-id:1 conn-name:peer local:ipv4:192.0.2.1:7789 peer:ipv4:192.0.2.2:7789 established:yes
        """;

    private const string UpReason = "r0: Connected Primary/Secondary UpToDate/UpToDate";

    // The network between the nodes breaks: DRBD 9 drops the connection and keeps trying.
    private const string ConnectionLost = """
        change connection name:r0 peer-node-id:1 conn-name:peer connection:BrokenPipe role:Unknown
        change peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:Off peer-disk:DUnknown
        change path name:r0 peer-node-id:1 conn-name:peer local:ipv4:192.0.2.1:7789 peer:ipv4:192.0.2.2:7789 established:no
        change connection name:r0 peer-node-id:1 conn-name:peer connection:Unconnected
        change connection name:r0 peer-node-id:1 conn-name:peer connection:Connecting
        """;

    // It comes back, but both sides wrote meanwhile: the handshake finds a split brain and DRBD gives up.
    private const string SplitBrain = """
        change path name:r0 peer-node-id:1 conn-name:peer local:ipv4:192.0.2.1:7789 peer:ipv4:192.0.2.2:7789 established:yes
        change connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Primary
        call helper name:r0 peer-node-id:1 conn-name:peer volume:0 helper:split-brain
        response helper name:r0 peer-node-id:1 conn-name:peer volume:0 helper:split-brain status:0
        change connection name:r0 peer-node-id:1 conn-name:peer connection:Disconnecting
        change connection name:r0 peer-node-id:1 conn-name:peer connection:StandAlone role:Unknown
        """;

    private readonly SimulatedDrbdsetup _drbdsetup = new(Healthy);
    private readonly List<DrbdProbe> _probes = [];
    private int _changesSeen;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var probe in _probes) await probe.DisposeAsync();
        _drbdsetup.Dispose();
    }

    private DrbdProbe Probe(TimeSpan? restartDelay = null, TimeSpan? timeout = null, TimeSpan? dumpTimeout = null,
        IReadOnlyList<string>? command = null)
    {
        var probe = new DrbdProbe("drbd", new DrbdProbeOptions
        {
            Resources = ["r0"],
            Source = DrbdSource.Events2,
            Events2Command = command ?? [_drbdsetup.Program, "events2", "all"],
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
            DumpTimeout = dumpTimeout ?? TimeSpan.FromSeconds(10),
            RestartDelay = restartDelay ?? TimeSpan.FromMilliseconds(100),
        });
        probe.ChangeSeen += (_, _) => Interlocked.Increment(ref _changesSeen);
        _probes.Add(probe);
        return probe;
    }

    private static Task<ProbeResult> RunAsync(DrbdProbe probe) =>
        probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

    /// <summary>Runs the probe until <paramref name="done"/> holds; the stream applies lines on its own thread.</summary>
    private static async Task<ProbeResult> UntilAsync(DrbdProbe probe, Func<ProbeResult, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var result = await RunAsync(probe);
            if (done(result)) return result;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what}: still {(result.Healthy ? "UP" : "DOWN")}: {result.Reason}");
            await Task.Delay(20);
        }
    }

    private static Task<ProbeResult> UntilReasonAsync(DrbdProbe probe, string reason) =>
        UntilAsync(probe, r => r.Reason == reason, $"waiting for \"{reason}\"");

    private async Task UntilChangeSeenAsync(int count)
    {
        for (var i = 0; i < 1000 && Volatile.Read(ref _changesSeen) < count; i++) await Task.Delay(10);
        Assert.Equal(count, Volatile.Read(ref _changesSeen));
    }

    [Fact]
    public async Task An_up_to_date_resource_is_up_and_one_drbdsetup_serves_every_run()
    {
        var probe = Probe();
        var result = await RunAsync(probe);
        Assert.True(result.Healthy, result.Reason);
        Assert.Equal(UpReason, result.Reason);
        for (var i = 0; i < 5; i++) Assert.Equal(UpReason, (await RunAsync(probe)).Reason);
        Assert.Single(_drbdsetup.Starts);
        var state = Assert.Single(probe.LastStates);
        Assert.Equal(("r0", 0, 0), (state.Name, state.Volume, state.Minor));
    }

    [Theory]
    [InlineData("Outdated")]
    [InlineData("Inconsistent")]
    [InlineData("Failed")]
    public async Task A_local_disk_that_degrades_is_down_and_asks_for_a_run_at_once(string disk)
    {
        var probe = Probe();
        Assert.True((await RunAsync(probe)).Healthy);

        _drbdsetup.Stream($"change device name:r0 volume:0 minor:0 disk:{disk}");
        await UntilChangeSeenAsync(1);
        var result = await RunAsync(probe);
        Assert.False(result.Healthy);
        Assert.Equal($"r0: Connected Primary/Secondary {disk}/UpToDate (local disk {disk})", result.Reason);
    }

    [Fact]
    public async Task A_lost_connection_then_a_split_brain_is_down_saying_split_brain()
    {
        var probe = Probe();
        Assert.True((await RunAsync(probe)).Healthy);

        _drbdsetup.Stream(ConnectionLost);
        var lost = await UntilReasonAsync(probe, "r0: Connecting Primary/Unknown UpToDate/DUnknown (not connected)");
        Assert.False(lost.Healthy);

        _drbdsetup.Stream(SplitBrain);
        var split = await UntilReasonAsync(probe, "r0: split brain");
        Assert.False(split.Healthy);
        Assert.True(Assert.Single(probe.LastStates).IsStandAlone);
        // The whole outage flipped the verdict once: one early run, not one per line.
        Assert.Equal(1, Volatile.Read(ref _changesSeen));
    }

    [Fact]
    public async Task Events_that_keep_the_verdict_update_the_states_at_once_without_a_run()
    {
        var probe = Probe();
        var statesChanged = 0;
        probe.StatesChanged += (_, _) => Interlocked.Increment(ref statesChanged);
        Assert.True((await RunAsync(probe)).Healthy);
        _drbdsetup.Stream(ConnectionLost);
        await UntilReasonAsync(probe, "r0: Connecting Primary/Unknown UpToDate/DUnknown (not connected)");

        // No run from here on: the split brain must reach the facts (rules, alerts) by itself.
        _drbdsetup.Stream(SplitBrain);
        for (var i = 0; i < 1000 && !(probe.LastStates is [{ SplitBrain: true, IsStandAlone: true }]); i++) await Task.Delay(10);

        Assert.True(probe.LastStates is [{ SplitBrain: true, IsStandAlone: true }], string.Join("; ", probe.LastStates));
        Assert.True(Volatile.Read(ref statesChanged) >= 1);
        Assert.Equal(1, Volatile.Read(ref _changesSeen)); // still one early run for the whole outage
    }

    [Fact]
    public async Task A_split_brain_holds_until_the_peer_is_connected_and_the_resync_ends_up()
    {
        var probe = Probe();
        Assert.True((await RunAsync(probe)).Healthy);
        _drbdsetup.Stream(ConnectionLost + "\n" + SplitBrain);
        await UntilReasonAsync(probe, "r0: split brain");

        // The admin reconnects the survivor (this node) after discarding the victim's data.
        _drbdsetup.Stream("change connection name:r0 peer-node-id:1 conn-name:peer connection:Connecting");
        _drbdsetup.Stream("change device name:r0 volume:0 minor:0 disk:UpToDate");
        await Task.Delay(300);
        Assert.Equal("r0: split brain", (await RunAsync(probe)).Reason);

        _drbdsetup.Stream("""
            change connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Secondary
            change peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:SyncSource peer-disk:Inconsistent done:12.50
            """);
        var resync = await UntilReasonAsync(probe, "r0: SyncSource 12.5% (peer disk Inconsistent)");
        Assert.False(resync.Healthy);

        _drbdsetup.Stream("change peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:Established peer-disk:UpToDate");
        var up = await UntilReasonAsync(probe, UpReason);
        Assert.True(up.Healthy);
        Assert.Single(_drbdsetup.Starts);
    }

    [Fact]
    public async Task A_drbdsetup_that_dies_is_down_with_its_message_then_restarted_with_a_fresh_dump()
    {
        var probe = Probe(restartDelay: TimeSpan.FromSeconds(1.5));
        Assert.True((await RunAsync(probe)).Healthy);
        var first = Assert.Single(_drbdsetup.Starts);

        _drbdsetup.SetState(Healthy.Replace("name:r0 role:Primary", "name:r0 role:Secondary"));
        _drbdsetup.Exit(10, "Failure: (158) Unknown resource");
        await UntilChangeSeenAsync(1);
        var down = await RunAsync(probe);
        Assert.False(down.Healthy);
        Assert.Equal("drbdsetup events2 all exited with 10: Failure: (158) Unknown resource; restarting in 1.5 s", down.Reason);
        Assert.Empty(probe.LastStates);

        var up = await UntilReasonAsync(probe, "r0: Connected Secondary/Secondary UpToDate/UpToDate");
        Assert.True(up.Healthy);
        Assert.Equal(2, _drbdsetup.Starts.Count);
        Assert.NotEqual(first, _drbdsetup.Starts[1]);
        await UntilChangeSeenAsync(2); // back up: asks for a run too
    }

    [Fact]
    public async Task A_hung_drbdsetup_is_down_by_the_run_deadline_then_killed_and_restarted()
    {
        _drbdsetup.Hang();
        var probe = Probe(restartDelay: TimeSpan.FromSeconds(1.5), timeout: TimeSpan.FromSeconds(1),
            dumpTimeout: TimeSpan.FromSeconds(2.5));
        var result = await RunAsync(probe);
        Assert.False(result.Healthy);
        Assert.StartsWith("drbdsetup events2 all has not ended its initial dump (\"exists -\") ", result.Reason);
        Assert.True(result.Latency < TimeSpan.FromSeconds(4), result.Latency.ToString());

        var killed = await UntilAsync(probe, r => r.Reason.Contains("killed"), "waiting for the dump deadline");
        Assert.Equal("drbdsetup events2 all ended no initial dump within 2.5 s; killed it; restarting in 1.5 s", killed.Reason);
        var hung = _drbdsetup.Starts[0];
        Assert.True(await ProcessGone.WaitAsync(hung), $"the hung drbdsetup {hung} survived");

        _drbdsetup.Unhang();
        var up = await UntilReasonAsync(probe, UpReason);
        Assert.True(up.Healthy);
        Assert.True(_drbdsetup.Starts.Count >= 2);
    }

    [Fact]
    public async Task A_missing_drbdsetup_is_down_and_retried()
    {
        var missing = Path.Combine(Path.GetTempPath(), "absent-" + Guid.NewGuid().ToString("N"), "drbdsetup");
        var probe = Probe(restartDelay: TimeSpan.FromSeconds(5), command: [missing, "events2", "all"]);
        var result = await UntilAsync(probe, r => r.Reason.StartsWith("cannot start", StringComparison.Ordinal), "waiting for the start to fail");
        Assert.False(result.Healthy);
        Assert.StartsWith($"cannot start {missing}: ", result.Reason);
        Assert.EndsWith("; restarting in 5 s", result.Reason);
    }

    [Fact]
    public async Task Disposing_the_probe_kills_its_drbdsetup()
    {
        var probe = Probe();
        Assert.True((await RunAsync(probe)).Healthy);
        var pid = Assert.Single(_drbdsetup.Starts);

        await probe.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await ProcessGone.WaitAsync(pid), $"drbdsetup {pid} survived the probe");
        var after = await RunAsync(probe);
        Assert.False(after.Healthy);
        Assert.Equal("drbdsetup events2 all stopped", after.Reason);
        Assert.Single(_drbdsetup.Starts);
    }

    [Fact]
    public async Task Garbage_and_overlong_lines_on_the_stream_change_nothing()
    {
        var probe = Probe();
        Assert.True((await RunAsync(probe)).Healthy);
        _drbdsetup.Stream("garbage without a verb\nchange device name:r0 volume:0 minor:0 disk:" + new string('X', 40_000));
        _drbdsetup.Stream("change resource name:r0 role:Secondary");
        var result = await UntilReasonAsync(probe, "r0: Connected Secondary/Secondary UpToDate/UpToDate");
        Assert.True(result.Healthy);
    }
}
