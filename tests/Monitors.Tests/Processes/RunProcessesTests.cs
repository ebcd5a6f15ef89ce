using Failover.Linux.Processes;
using System.Diagnostics;
using Failover.Monitors.Processes;
using Xunit;

namespace Failover.Monitors.Tests.Processes;

public sealed class RunProcessesTests
{
    [Theory]
    [InlineData("4242 (sleep) S 4200 4242 3315 0 -1 4194304 96 0 0 0", 4200, false)]
    [InlineData("4243 (my (odd) prog) R 1 4243 3315 0 -1", 1, false)]
    [InlineData("4244 (sh) Z 4242 4242 3315 0 -1 4194304", 4242, true)]
    public void Stat_lines_give_parent_and_state(string stat, int parent, bool zombie)
    {
        Assert.True(ProcessRow.TryParseStat(stat, out var parsed, out var dead));
        Assert.Equal((parent, zombie), (parsed, dead));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 (sleep")]
    [InlineData("4242 (sleep) S")]
    [InlineData("4242 (sleep) S x 1")]
    public void Broken_stat_lines_are_refused(string stat) => Assert.False(ProcessRow.TryParseStat(stat, out _, out _));

    [Fact]
    public void Members_are_the_root_its_descendants_and_whatever_carries_the_tag()
    {
        ProcessRow[] rows =
        [
            new(1, 0, false, false),       // init
            new(50, 1, false, false),      // the daemon
            new(100, 50, false, true),     // the check (root)
            new(101, 100, false, false),   // a child that cleared its environment: found by its parent link
            new(102, 101, false, false),   // ...and its child
            new(103, 1, false, true),      // re-parented to init: found by the tag
            new(104, 103, false, false),   // a child of that one that cleared its environment
            new(105, 100, true, true),     // a zombie: dead already
            new(200, 1, false, false),     // unrelated
            new(201, 200, false, false),
        ];
        Assert.Equal([100, 101, 102, 103, 104], RunProcesses.Members(rows, root: 100).Order());
        Assert.Equal([50, 100, 101, 102, 103, 104], RunProcesses.Members(rows, root: 50).Order());
        Assert.Equal([103, 104], RunProcesses.Members(rows.Where(r => r.Pid != 100).ToArray(), root: 100).Order());
    }

    [Fact]
    public async Task A_run_is_killed_whole_including_a_job_that_left_the_tree()
    {
        var tag = new RunTag();
        var pidFile = Path.GetTempFileName();
        try
        {
            // The subshell exits at once, so its sleep is re-parented to init: no longer a descendant.
            var start = new ProcessStartInfo("/bin/sh", ["-c", "sleep 61 & (sleep 60 & echo $! > \"$0\"); wait", pidFile]);
            start.Environment[RunTag.Variable] = tag.Value;
            using var shell = Process.Start(start)!;
            var orphan = await OrphanPid(pidFile);
            Assert.Contains(orphan, RunProcesses.Members(RunProcesses.Snapshot(tag), shell.Id));
            Assert.DoesNotContain(orphan, RunProcesses.Members(RunProcesses.Snapshot(new RunTag()), shell.Id));

            var killed = RunProcesses.Kill(shell, tag);

            Assert.Superset(new HashSet<int> { shell.Id, orphan }, killed.ToHashSet());
            Assert.Equal(3, killed.Count);            // sh, its sleep 61, and the orphan
            Assert.True(shell.WaitForExit(5000), "sh survived");
            Assert.True(await ProcessExit.GoneAsync(orphan), $"sleep {orphan} survived");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    private static async Task<int> OrphanPid(string pidFile)
    {
        for (var i = 0; i < 100; i++)
        {
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
                return pid;
            await Task.Delay(50);
        }
        throw new TimeoutException("the script wrote no pid");
    }

    /// <summary>A deadline timer can fire just as the run ends and its Process is disposed: that killed the daemon once.</summary>
    [Fact]
    public void Killing_a_disposed_or_unstarted_process_is_quiet()
    {
        var tag = new RunTag();
        var process = Process.Start(new ProcessStartInfo("/bin/true"))!;
        process.WaitForExit();
        process.Dispose();
        Assert.Empty(RunProcesses.Kill(process, tag));
        Assert.Empty(RunProcesses.Kill(new Process(), tag));
    }
}
