using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Drbd;

public sealed class DrbdProbeProcTests
{
    private static DrbdProbe Probe(string path, params string[] resources) =>
        new("drbd", new DrbdProbeOptions { Resources = resources, ProcPath = path });

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "drbd", name);

    private static Task<ProbeResult> RunAsync(DrbdProbe probe) =>
        probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

    [Theory]
    [InlineData("proc-8.3.8-connected-majorio.txt", "0", true, "minor 0: Connected Secondary/Primary UpToDate/UpToDate")]
    [InlineData("proc-8.4.3-node_exporter.txt", "minor:1", true, "minor 1: Connected Primary/Primary UpToDate/UpToDate")]
    [InlineData("proc-8.2.4-connected-usersguide.txt", "0", true, "minor 0: Connected Secondary/Secondary UpToDate/UpToDate")]
    [InlineData("proc-8.3.8-synctarget-majorio.txt", "0", false, "minor 0: SyncTarget 20.8% (disk Inconsistent)")]
    [InlineData("proc-8.3.8-syncsource-checkmk.txt", "0", false, "minor 0: SyncSource 42.4% (peer disk Inconsistent)")]
    [InlineData("proc-8.3.8-stalled-checkmk.txt", "0", false, "minor 0: SyncSource 0.1% (peer disk Inconsistent)")]
    [InlineData("proc-8.2.4-standalone-primary-seed.txt", "0", false, "minor 0: StandAlone (peer unreachable or split brain)")]
    [InlineData("proc-8.2.4-standalone-secondary-seed.txt", "minor:0", false, "minor 0: StandAlone (peer unreachable or split brain)")]
    [InlineData("proc-8.4.0-splitbrain-node2.txt", "0", false, "minor 0: StandAlone (peer unreachable or split brain)")]
    [InlineData("proc-8.3.8-connected-majorio.txt", "minor:3", false, "minor 3: not configured")]
    [InlineData("proc-8.4.3-node_exporter.txt", "0", false, "minor 0: not configured")]
    public async Task Judges_each_fixture(string fixture, string resource, bool healthy, string reason)
    {
        var result = await RunAsync(Probe(Fixture(fixture), resource));
        Assert.Equal(reason, result.Reason);
        Assert.Equal(healthy, result.Healthy);
    }

    [Fact]
    public async Task Every_resource_is_reported_and_one_bad_one_makes_it_down()
    {
        var result = await RunAsync(Probe(Fixture("proc-8.3.11-wfconnection-pastebin.txt"), "0", "minor:1", "2"));
        Assert.False(result.Healthy);
        Assert.Equal("minor 0: WFConnection Primary/Unknown UpToDate/Outdated (not connected); " +
            "minor 1: WFConnection Primary/Unknown UpToDate/Inconsistent (not connected); minor 2: not configured",
            result.Reason);

        var missing = await RunAsync(Probe(Fixture("proc-8.3.8-connected-majorio.txt"), "0", "1"));
        Assert.False(missing.Healthy);
        Assert.Equal("minor 0: Connected Secondary/Primary UpToDate/UpToDate; minor 1: not configured", missing.Reason);
    }

    [Fact]
    public async Task Last_states_hold_what_was_read_and_are_cleared_when_nothing_could_be()
    {
        var probe = Probe(Fixture("proc-8.3.8-synctarget-majorio.txt"), "0");
        Assert.Empty(probe.LastStates);
        await RunAsync(probe);
        var state = Assert.Single(probe.LastStates);
        Assert.Equal(0, state.Minor);
        Assert.Equal("SyncTarget", state.ConnectionState);
        Assert.Equal(20.8, state.SyncPercent);

        var both = Probe(Fixture("proc-8.3.11-wfconnection-pastebin.txt"), "0");
        await RunAsync(both);
        Assert.Equal([0, 1], both.LastStates.Select(s => s.Minor!.Value));
    }

    [Fact]
    public async Task A_missing_file_means_drbd_is_not_loaded()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-drbd-{Guid.NewGuid():N}", "drbd");
        var result = await RunAsync(Probe(path, "0"));
        Assert.False(result.Healthy);
        Assert.Equal($"cannot read {path}: No such file (DRBD not loaded?)", result.Reason);
    }

    [Fact]
    public async Task A_9x_proc_drbd_points_to_events2()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "version: 9.2.8 (api:2/proto:86-122)\nGIT-hash: 0123 build by x\nTransports (api:20): tcp (9.2.8)\n");
            var result = await RunAsync(Probe(path, "0"));
            Assert.False(result.Healthy);
            Assert.Equal($"{path} is DRBD 9.2.8, which lists no resources there: use the events2 source", result.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("r0")]
    [InlineData("minor:x")]
    [InlineData("-1")]
    [InlineData(" ")]
    public void Proc_drbd_accepts_minors_only(string resource)
    {
        Assert.ThrowsAny<ArgumentException>(() => Probe("/proc/drbd", resource));
    }

    [Fact]
    public void Some_resource_is_required()
    {
        Assert.Throws<ArgumentException>(() => Probe("/proc/drbd"));
        Assert.Throws<ArgumentException>(() => new DrbdProbe("d", new DrbdProbeOptions
        {
            Resources = ["r0"], Source = DrbdSource.Events2, Events2Command = [],
        }));
    }
}
