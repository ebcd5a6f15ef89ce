using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Xunit;

namespace Failover.Monitors.Tests.Drbd;

/// <summary>/proc/drbd (8.x) with the kernel log followed for split brain: a file stands for /dev/kmsg.</summary>
public sealed class DrbdProbeKernelLogTests : IAsyncLifetime
{
    // The 8.4.0 incident of the proc-8.4.0-splitbrain fixtures, as syslog kept it.
    private const string SplitBrainLine = "Mar  7 15:38:05 node1 kernel: block drbd0: Split-Brain detected but unresolved, dropping connection!\n";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("drbd-kmsg-");
    private readonly List<DrbdProbe> _probes = [];
    private int _changesSeen;

    private string ProcPath => Path.Combine(_dir.FullName, "drbd");
    private string LogPath => Path.Combine(_dir.FullName, "kmsg");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var probe in _probes) await probe.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    private void Proc(string fixture) => File.Copy(DrbdFixture.Path(fixture), ProcPath, overwrite: true);

    private DrbdProbe Probe(string? logPath = null)
    {
        var probe = new DrbdProbe("drbd", new DrbdProbeOptions
        {
            Resources = ["0"], ProcPath = ProcPath, KernelLogPath = logPath ?? LogPath,
        });
        probe.ChangeSeen += (_, _) => Interlocked.Increment(ref _changesSeen);
        _probes.Add(probe);
        return probe;
    }

    private static async Task<ProbeResult> UntilAsync(DrbdProbe probe, Func<ProbeResult, bool> done)
    {
        for (var i = 0; ; i++)
        {
            var result = await probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
            if (done(result) || i == 400) return result;
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task A_split_brain_in_the_log_names_the_standalone_minor_until_it_is_connected_again()
    {
        Proc("proc-8.4.0-splitbrain-node1.txt");
        File.WriteAllText(LogPath, "");
        var probe = Probe();
        Assert.Equal("minor 0: StandAlone (peer unreachable or split brain)", (await UntilAsync(probe, _ => true)).Reason);

        File.AppendAllText(LogPath, "Mar  7 15:38:05 node1 kernel: block drbd0: uuid_compare()=100 by rule 90\n" + SplitBrainLine);
        var split = await UntilAsync(probe, r => r.Reason.Contains("split brain", StringComparison.Ordinal) && !r.Reason.Contains("peer"));
        Assert.Equal("minor 0: split brain", split.Reason);
        Assert.False(split.Healthy);
        Assert.True(Assert.Single(probe.LastStates).SplitBrain);
        for (var i = 0; i < 200 && Volatile.Read(ref _changesSeen) == 0; i++) await Task.Delay(10);
        Assert.Equal(1, Volatile.Read(ref _changesSeen)); // raised just after the flag: wait for it, then exactly one

        Proc("proc-8.3.8-connected-majorio.txt"); // resolved: connected again
        var up = await UntilAsync(probe, _ => true);
        Assert.Equal("minor 0: Connected Secondary/Primary UpToDate/UpToDate", up.Reason);
        Assert.True(up.Healthy);

        Proc("proc-8.4.0-splitbrain-node1.txt"); // a later disconnect is not that split brain any more
        Assert.Equal("minor 0: StandAlone (peer unreachable or split brain)", (await UntilAsync(probe, _ => true)).Reason);
    }

    [Fact]
    public async Task A_split_brain_logged_before_the_first_run_is_seen()
    {
        Proc("proc-8.4.0-splitbrain-node1.txt");
        File.WriteAllText(LogPath, "1,4711,1536023079203,-;block drbd0: Split-Brain detected but unresolved, dropping connection!\n" +
            " SUBSYSTEM=block\n DEVICE=b147:0\n");
        var result = await UntilAsync(Probe(), r => r.Reason == "minor 0: split brain");
        Assert.Equal("minor 0: split brain", result.Reason);
    }

    [Fact]
    public async Task A_split_brain_of_another_minor_changes_nothing_here()
    {
        Proc("proc-8.3.8-connected-majorio.txt");
        File.WriteAllText(LogPath, SplitBrainLine.Replace("drbd0", "drbd5"));
        var probe = Probe();
        await Task.Delay(500);
        var result = await UntilAsync(probe, _ => true);
        Assert.True(result.Healthy);
        Assert.Equal("minor 0: Connected Secondary/Primary UpToDate/UpToDate", result.Reason);
    }

    [Fact]
    public async Task An_unreadable_log_is_reported_but_does_not_fail_the_probe()
    {
        Proc("proc-8.3.8-connected-majorio.txt");
        var missing = Path.Combine(_dir.FullName, "absent");
        var result = await UntilAsync(Probe(missing), r => r.Reason.Contains("kernel log", StringComparison.Ordinal));
        Assert.True(result.Healthy);
        Assert.StartsWith($"minor 0: Connected Secondary/Primary UpToDate/UpToDate; kernel log: cannot open {missing}: ", result.Reason);
    }

    [Fact]
    public void The_kernel_log_is_for_proc_drbd_only()
    {
        var e = Assert.Throws<ArgumentException>(() => new DrbdProbe("d", new DrbdProbeOptions
        {
            Resources = ["r0"], Source = DrbdSource.Events2, KernelLogPath = "/dev/kmsg",
        }));
        Assert.Contains("events2 reports split brain itself", e.Message);
    }
}
