using Failover.Daemon.Config;
using Failover.Monitors.Drbd;

namespace Failover.Daemon.Tests.Config;

/// <summary>The drbd monitor's keys: sources, the events2 command, the kernel log.</summary>
public sealed class DrbdConfigTests
{
    // The monitor line is line 8 of the document; its drbd mapping opens at column 30.
    private static string Group(string drbd) => """
        groups:
          - name: web
            vhid: 1
            interface: eth0
            password: x
            vips: [10.4.0.10/24]
            monitors:
              - { name: disks, drbd:
        """ + " " + drbd + " }";

    private static DrbdProbeOptions Options(string drbd) =>
        Assert.IsType<DrbdProbeSpec>(Assert.Single(ConfigAssert.Valid(Group(drbd)).Groups[0].Monitors).Probe).Options;

    [Fact]
    public void Events2_streams_drbdsetup_events2_all_by_default()
    {
        var options = Options("{ resources: [r0, r1], source: events2 }");
        Assert.Equal(DrbdSource.Events2, options.Source);
        Assert.Null(options.Events2Command);
        Assert.Equal(["drbdsetup", "events2", "all"], DrbdProbeOptions.DefaultEvents2Command(options.Source));
        Assert.Equal(["r0", "r1"], options.Resources);
    }

    [Fact]
    public void Events2_now_runs_the_one_shot_dump()
    {
        var options = Options("{ resources: [r0], source: events2-now }");
        Assert.Equal(DrbdSource.Events2Now, options.Source);
        Assert.Equal(["drbdsetup", "events2", "--now", "all"], DrbdProbeOptions.DefaultEvents2Command(options.Source));
    }

    [Fact]
    public void The_command_is_taken_as_argv()
    {
        var options = Options("{ resources: [r0], source: events2, command: [/usr/local/sbin/drbdsetup, events2, --timestamps, all] }");
        Assert.Equal(["/usr/local/sbin/drbdsetup", "events2", "--timestamps", "all"], options.Events2Command);
    }

    [Fact]
    public void Proc_with_the_kernel_log()
    {
        var options = Options("{ resources: [\"minor:0\", 1], kernel_log: /dev/kmsg }");
        Assert.Equal(DrbdSource.ProcDrbd, options.Source);
        Assert.Equal("/dev/kmsg", options.KernelLogPath);
        Assert.Equal("/proc/drbd", options.ProcPath);
    }

    [Fact]
    public void The_proc_source_follows_no_kernel_log_unless_told()
    {
        Assert.Null(Options("{ resources: [0] }").KernelLogPath);
    }

    /// <summary>"8:COL: " where COL is where <paramref name="token"/> starts on the monitor's line.</summary>
    private static string At(string drbd, string token)
    {
        var line = Group(drbd).Split('\n')[7];
        Assert.Contains(token, line);
        return $"8:{line.IndexOf(token, StringComparison.Ordinal) + 1}: ";
    }

    [Theory]
    [InlineData("{ resources: [r0], source: events3 }", "events3",
        "drbd source must be proc (DRBD 8.x, /proc/drbd), events2 (DRBD 9, a streamed drbdsetup events2) or events2-now (DRBD 9, drbdsetup events2 --now per run)")]
    [InlineData("{ resources: [r0], source: events2, kernel_log: /dev/kmsg }", "/dev/kmsg",
        "drbd kernel_log is for the proc source (DRBD 8.x): events2 reports split brain itself")]
    [InlineData("{ resources: [0], kernel_log: kmsg }", "kmsg", "drbd kernel_log must be an absolute path (usually /dev/kmsg)")]
    [InlineData("{ resources: [0], command: [drbdsetup, events2, all] }", "[drbdsetup", "drbd command is run by the events2 sources only")]
    [InlineData("{ resources: [r0], source: events2-now, proc_path: /proc/drbd }", "/proc/drbd", "drbd proc_path is read by the proc source only")]
    [InlineData("{ resources: [r0], source: events2, command: [] }", "[]", "drbd command must be a non-empty list")]
    [InlineData("{ resources: [r0], source: events2, command: \"drbdsetup events2 all\" }", "\"drbdsetup", "drbd command must be a non-empty list")]
    [InlineData("{ resources: [0], kernel_logs: /dev/kmsg }", "kernel_logs", "unknown key 'kernel_logs' in drbd")]
    public void Errors_name_the_key_and_its_position(string drbd, string token, string message)
    {
        var error = Assert.Single(ConfigAssert.Errors(Group(drbd)));
        Assert.StartsWith(At(drbd, token) + message, error);
    }

    [Fact]
    public void Every_misplaced_key_is_reported_at_once()
    {
        const string drbd = "{ resources: [r0], source: events2, kernel_log: /dev/kmsg, proc_path: /proc/drbd }";
        Assert.Equal([At(drbd, "/dev/kmsg") + "drbd kernel_log is for the proc source (DRBD 8.x): events2 reports split brain itself",
            At(drbd, "/proc/drbd") + "drbd proc_path is read by the proc source only"], ConfigAssert.Errors(Group(drbd)));
    }
}
