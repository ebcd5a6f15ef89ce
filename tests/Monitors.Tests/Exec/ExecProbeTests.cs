using System.Diagnostics;
using Failover.Monitors.Exec;
using Failover.Monitors.Health;
using Failover.Monitors.Tests.Processes;
using Xunit;

namespace Failover.Monitors.Tests.Exec;

public sealed class ExecProbeTests
{
    private static ExecProbe Shell(string script, TimeSpan? timeout = null, params string[] args) =>
        new("exec1", new ExecProbeOptions
        {
            Argv = ["/bin/sh", "-c", script, .. args],
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
        });

    private static Task<ProbeResult> RunAsync(ExecProbe probe) =>
        probe.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

    [Theory]
    [InlineData(0, true, "DISK OK - free space: / 40 %")]
    [InlineData(1, true, "WARNING: DISK OK - free space: / 40 %")]
    [InlineData(2, false, "CRITICAL: DISK OK - free space: / 40 %")]
    [InlineData(3, false, "UNKNOWN: DISK OK - free space: / 40 %")]
    [InlineData(4, false, "exit 4: DISK OK - free space: / 40 %")]
    [InlineData(255, false, "exit 255: DISK OK - free space: / 40 %")]
    public async Task Exit_codes_follow_the_nagios_convention(int code, bool healthy, string reason)
    {
        var result = await RunAsync(Shell($"printf '  DISK OK - free space: / 40 %%  \\nperfdata line\\n'; exit {code}"));
        Assert.Equal(healthy, result.Healthy);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData(0, "exit 0 (OK)")]
    [InlineData(1, "exit 1 (WARNING)")]
    [InlineData(2, "exit 2 (CRITICAL)")]
    [InlineData(3, "exit 3 (UNKNOWN)")]
    [InlineData(7, "exit 7")]
    public async Task Without_output_the_reason_is_the_exit_code(int code, string reason)
    {
        var result = await RunAsync(Shell($"echo ignored >&2; exit {code}"));
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public async Task A_long_line_is_cut_and_endless_output_does_not_block()
    {
        var result = await RunAsync(Shell("head -c 3000000 /dev/zero | tr '\\0' x; exit 0"));
        Assert.True(result.Healthy, result.Reason);
        Assert.Equal(new string('x', 200) + "…", result.Reason);
    }

    [Fact]
    public async Task A_hung_check_is_killed_with_its_children_at_the_timeout()
    {
        var pidFile = Path.GetTempFileName();
        try
        {
            var watch = Stopwatch.StartNew();
            var result = await RunAsync(Shell("sleep 60 & echo $! > \"$0\"; wait", TimeSpan.FromMilliseconds(500), pidFile));

            Assert.False(result.Healthy);
            Assert.Equal("/bin/sh gave no result within 500 ms; killed its process tree", result.Reason);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
            var child = int.Parse(File.ReadAllText(pidFile).Trim());
            Assert.True(await ProcessExit.GoneAsync(child), $"sleep {child} survived");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task A_hung_check_s_background_job_that_left_the_tree_is_killed_too()
    {
        var pidFile = Path.GetTempFileName();
        try
        {
            // The subshell exits at once, so its sleep belongs to init, not to the check, when the deadline comes.
            var result = await RunAsync(Shell("(sleep 60 & echo $! > \"$0\"); sleep 60", TimeSpan.FromMilliseconds(500), pidFile));

            Assert.Equal("/bin/sh gave no result within 500 ms; killed its process tree", result.Reason);
            var orphan = int.Parse(File.ReadAllText(pidFile).Trim());
            Assert.True(await ProcessExit.GoneAsync(orphan), $"sleep {orphan} survived");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task A_missing_program_is_a_failure_not_an_exception()
    {
        var probe = new ExecProbe("exec1", new ExecProbeOptions { Argv = ["/nonexistent/check_thing", "-H", "x"] });
        var result = await RunAsync(probe);
        Assert.False(result.Healthy);
        Assert.StartsWith("cannot start /nonexistent/check_thing: ", result.Reason);
    }

    [Fact]
    public async Task Environment_reaches_the_check_and_arguments_are_not_split_by_a_shell()
    {
        var probe = new ExecProbe("exec1", new ExecProbeOptions
        {
            Argv = ["/bin/sh", "-c", "echo \"$PASSWD|$1\"", "sh", "a b; exit 2"],
            Environment = new Dictionary<string, string> { ["PASSWD"] = "s3cret" },
        });
        var result = await RunAsync(probe);
        Assert.Equal(ProbeResult.Up("s3cret|a b; exit 2", result.Latency), result);
    }

    [Fact]
    public async Task Cancellation_kills_the_check_and_is_honoured()
    {
        var probe = Shell("sleep 60", TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.RunAsync(cancel.Token).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }

    [Theory]
    [InlineData("check_disk")]
    [InlineData("./check_disk")]
    [InlineData("")]
    public void Argv0_must_be_absolute(string program)
    {
        Assert.Throws<ArgumentException>(() => new ExecProbe("e", new ExecProbeOptions { Argv = [program] }));
        Assert.Throws<ArgumentException>(() => new ExecProbe("e", new ExecProbeOptions { Argv = [] }));
    }
}
