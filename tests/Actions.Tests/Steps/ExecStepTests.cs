using System.Net;
using Failover.Actions.Chains;
using Failover.Actions.Steps;
using Failover.Actions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failover.Actions.Tests.Steps;

/// <summary>exec steps run real programs: arguments, output, exit status, timeouts, undo.</summary>
public sealed class ExecStepTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private readonly SimDirectory _dir = new();
    private readonly FakeVips _vips = new();
    private readonly SystemSteps _steps;

    public ExecStepTests() => _steps = new SystemSteps(_vips, "eth0", IPAddress.Parse("192.0.2.100"), TimeProvider.System);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_command_line_appends_ucarp_arguments_and_xparam_when_asked()
    {
        var vip = IPAddress.Parse("10.4.0.2");
        var plain = new ExecStep(["/bin/up"], false, null, ExecStep.DefaultTimeout);
        var ucarp = plain with { UcarpArgs = true };
        var withXparam = ucarp with { Xparam = "extra" };

        Assert.Equal(["/bin/up"], plain.CommandLine("eth0", vip));
        Assert.Equal(["/bin/up", "eth0", "10.4.0.2"], ucarp.CommandLine("eth0", vip));
        Assert.Equal(["/bin/up", "eth0", "10.4.0.2", "extra"], withXparam.CommandLine("eth0", vip));
    }

    [Fact]
    public async Task Ucarp_arguments_follow_the_argv_and_shell_characters_arrive_unchanged()
    {
        var outcome = await _steps.RunAsync(new ExecStep(["/bin/echo", "a b; rm -rf /", "$HOME"], true, "samba", Limit), CancellationToken.None);

        Assert.Equal(StepOutcome.Ok("exit 0", "a b; rm -rf / $HOME eth0 192.0.2.100 samba"), outcome);
    }

    [Fact]
    public async Task A_failing_program_reports_its_exit_status_and_first_complaint()
    {
        var step = new ExecStep(["/bin/sh", "-c", "echo working; echo 'no lease file' >&2; echo 'second' >&2; exit 3"], false, null, Limit);

        var outcome = await _steps.RunAsync(step, CancellationToken.None);

        Assert.Equal(StepOutcome.Failed("exit 3: no lease file", "working\nno lease file\nsecond"), outcome);
    }

    [Fact]
    public async Task Output_is_capped()
    {
        var step = new ExecStep(["/bin/sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x"], false, null, Limit);

        var outcome = await _steps.RunAsync(step, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal(4096, outcome.Output.Length);
    }

    [Fact]
    public async Task A_step_past_its_timeout_has_its_whole_process_tree_killed()
    {
        var pidFile = _dir.File("child.pid");
        var step = new ExecStep(["/bin/sh", "-c", $"sleep 60 & echo $! > {pidFile}; wait"], false, null, TimeSpan.FromMilliseconds(500));
        await using var runner = new ChainRunner("web", _steps, TimeProvider.System, NullLogger.Instance);

        runner.Enqueue(new Chain(ChainKind.VipDown, [step], "test"));
        await runner.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StepStatus.TimedOut, runner.Last!.Steps[0].Status);
        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        await WaitUntil(() => !Directory.Exists($"/proc/{child}") || File.ReadAllText($"/proc/{child}/stat").Contains(") Z "));
    }

    [Fact]
    public async Task A_rolled_back_chain_runs_the_exec_undo_with_the_same_arguments_and_moves_the_vips_back()
    {
        var log = _dir.File("log");
        ChainStep[] steps =
        [
            new ExecStep(["/bin/sh", "-c", $"echo export \"$@\" >> {log}", "export"], true, null, Limit, ["/bin/sh", "-c", $"echo unexport \"$@\" >> {log}", "unexport"]),
            new ExecStep(["/bin/false"], false, null, Limit),
        ];
        await using var runner = new ChainRunner("web", _steps, TimeProvider.System, NullLogger.Instance);

        runner.Enqueue(Chain.For(ChainKind.VipUp, steps, "test"));
        await runner.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ChainOutcome.RolledBack, runner.Last!.Outcome);
        Assert.Equal(["export eth0 192.0.2.100", "unexport eth0 192.0.2.100"], File.ReadAllLines(log));
        Assert.Equal(["add", "remove"], _vips.Calls);
        Assert.Equal("on_master rolled back: step 3 (exec /bin/false) failed: exit 1", runner.Last.Summary());
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            Assert.True(waited < 5000, "condition not met within 5 s");
            await Task.Delay(50);
        }
    }
}
