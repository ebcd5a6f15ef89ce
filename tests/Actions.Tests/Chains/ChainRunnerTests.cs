using System.Collections.Concurrent;
using Failover.Actions.Chains;
using Failover.Actions.Tests.Support;

namespace Failover.Actions.Tests.Chains;

/// <summary>The runner with fake steps: order, rollback, continue-past-failures, timeouts, and the queue.</summary>
public sealed class ChainRunnerTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeSteps _steps = new();
    private readonly ListLogger _log = new();
    private readonly ConcurrentQueue<ChainResult> _finished = new();
    private readonly ChainRunner _runner;

    public ChainRunnerTests() =>
        _runner = new ChainRunner("samba", _steps, TimeProvider.System, _log, _finished.Enqueue);

    public async ValueTask DisposeAsync() => await _runner.DisposeAsync();

    private async Task<ChainResult> Run(ChainKind kind, params ChainStep[] steps)
    {
        _runner.Enqueue(new Chain(kind, steps, "test"));
        await _runner.WhenIdleAsync().WaitAsync(Wait);
        return _runner.Last!;
    }

    private static IEnumerable<(int, string, StepStatus)> Shape(IEnumerable<StepResult> steps) =>
        steps.Select(s => (s.Number, s.Step, s.Status));

    [Fact]
    public async Task An_on_master_chain_runs_its_steps_in_order_and_succeeds()
    {
        var result = await Run(ChainKind.VipUp, new FakeStep("a"), new FakeStep("b"), new FakeStep("c"));

        Assert.Equal(["a", "b", "c"], _steps.Journal);
        Assert.Equal(ChainOutcome.Succeeded, result.Outcome);
        Assert.Equal([(1, "a", StepStatus.Ok), (2, "b", StepStatus.Ok), (3, "c", StepStatus.Ok)], Shape(result.Steps));
        Assert.Empty(result.Undone);
        Assert.Equal("on_master succeeded", result.Summary());
    }

    [Fact]
    public async Task A_failed_on_master_step_is_undone_with_the_steps_before_it_in_reverse_order_and_the_rest_skipped()
    {
        _steps.Fail("c", "exit 32: mount: /srv: wrong fs type");

        var result = await Run(ChainKind.VipUp,
            FakeStep.Undoable("a"), FakeStep.Undoable("b"), FakeStep.Undoable("c"), FakeStep.Undoable("d"));

        Assert.Equal(["a", "b", "c", "undo c", "undo b", "undo a"], _steps.Journal);
        Assert.Equal(ChainOutcome.RolledBack, result.Outcome);
        Assert.Equal([(1, "a", StepStatus.Ok), (2, "b", StepStatus.Ok), (3, "c", StepStatus.Failed), (4, "d", StepStatus.Skipped)],
            Shape(result.Steps));
        Assert.Equal([(3, "undo c", StepStatus.Ok), (2, "undo b", StepStatus.Ok), (1, "undo a", StepStatus.Ok)], Shape(result.Undone));
        Assert.Equal("on_master rolled back: step 3 (c) failed: exit 32: mount: /srv: wrong fs type", result.Summary());
        Assert.Contains("Error: group samba: on_master failed at step 3 (c): exit 32: mount: /srv: wrong fs type; undoing 3 steps in reverse order", _log.Lines);
    }

    [Fact]
    public async Task A_superseded_step_cuts_the_chain_without_undo_or_failure()
    {
        // The blip race: the group left MASTER while its on_master ran; the vip step finds it no longer master.
        _steps.Do("vip add", _ => Task.FromResult(StepOutcome.Superseded("the group is no longer master")));

        var result = await Run(ChainKind.VipUp, FakeStep.Undoable("drbd primary"), FakeStep.Undoable("vip add"), FakeStep.Undoable("mount"));

        Assert.Equal(["drbd primary", "vip add"], _steps.Journal); // nothing undone: the on_backup that follows does it
        Assert.Equal(ChainOutcome.Cut, result.Outcome);
        Assert.Equal([(1, "drbd primary", StepStatus.Ok), (2, "vip add", StepStatus.Superseded), (3, "mount", StepStatus.Skipped)],
            Shape(result.Steps));
        Assert.Empty(result.Undone);
        Assert.Empty(result.Failures);
        Assert.Equal("on_master cut at step 2 of 3 (vip add): superseded: the group is no longer master", result.Summary());
        Assert.Contains("Information: group samba: on_master step 2/3 vip add: superseded in 0 ms: the group is no longer master",
            _log.Lines.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"in \d+ ms", "in 0 ms")));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("FAILED", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Steps_without_an_undo_are_passed_over_in_a_rollback()
    {
        _steps.Fail("restart");

        var result = await Run(ChainKind.VipUp, FakeStep.Undoable("a"), new FakeStep("b"), new FakeStep("restart"));

        Assert.Equal(["a", "b", "restart", "undo a"], _steps.Journal);
        Assert.Equal([(1, "undo a", StepStatus.Ok)], Shape(result.Undone));
    }

    [Fact]
    public async Task A_failing_undo_is_reported_and_the_rollback_goes_on()
    {
        _steps.Fail("c");
        _steps.Fail("undo b", "exit 1: device busy");

        var result = await Run(ChainKind.VipUp, FakeStep.Undoable("a"), FakeStep.Undoable("b"), new FakeStep("c"));

        Assert.Equal(["a", "b", "c", "undo b", "undo a"], _steps.Journal);
        Assert.Equal([(2, "undo b", StepStatus.Failed), (1, "undo a", StepStatus.Ok)], Shape(result.Undone));
        Assert.Equal("exit 1: device busy", result.Undone[0].Detail);
    }

    [Fact]
    public async Task An_on_backup_chain_runs_every_step_past_failures_and_reports_each()
    {
        _steps.Fail("stop smbd", "exit 1: Job for smbd.service failed");
        _steps.Fail("umount /srv", "exit 32: target is busy");

        var result = await Run(ChainKind.VipDown,
            new FakeStep("vip remove"), new FakeStep("stop smbd"), new FakeStep("umount /srv"), FakeStep.Undoable("drbd r0 secondary"));

        Assert.Equal(["vip remove", "stop smbd", "umount /srv", "drbd r0 secondary"], _steps.Journal);
        Assert.Equal(ChainOutcome.PartlyFailed, result.Outcome);
        Assert.Equal([2, 3], result.Failures.Select(f => f.Number));
        Assert.Empty(result.Undone);
        Assert.Equal("on_backup partly failed: step 2 (stop smbd) failed: exit 1: Job for smbd.service failed; "
            + "step 3 (umount /srv) failed: exit 32: target is busy", result.Summary());
    }

    [Fact]
    public async Task Each_step_is_logged_with_its_duration_detail_and_output()
    {
        _steps.Do("say", async _ =>
        {
            await Task.Delay(50);
            return StepOutcome.Ok("exit 0", "first line\nsecond line\n");
        });

        await Run(ChainKind.VipUp, new FakeStep("say"));

        var done = Assert.Single(_log.Lines, l => l.Contains("step 1/1 say:"));
        Assert.Matches(@"^Information: group samba: on_master step 1/1 say: ok in \d+ ms: exit 0$", done);
        var ms = int.Parse(System.Text.RegularExpressions.Regex.Match(done, @"in (\d+) ms").Groups[1].Value);
        Assert.InRange(ms, 40, 5000);
        Assert.Contains("Information: group samba: on_master step 1/1 | first line", _log.Lines);
        Assert.Contains("Information: group samba: on_master step 1/1 | second line", _log.Lines);
        Assert.Contains(_log.Lines, l => l.StartsWith("Information: group samba: on_master started, 1 steps (test)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_past_its_timeout_is_cancelled_reported_as_timed_out_and_rolled_back()
    {
        var cancelled = false;
        _steps.Do("slow", async deadline =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, deadline);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }
            return StepOutcome.Ok("never");
        });

        var result = await Run(ChainKind.VipUp, FakeStep.Undoable("a"),
            new FakeStep("slow", new FakeStep("undo slow"), TimeSpan.FromMilliseconds(200)));

        Assert.True(cancelled);
        Assert.Equal(StepStatus.TimedOut, result.Steps[1].Status);
        Assert.Equal("killed at its 0.2 s timeout", result.Steps[1].Detail);
        Assert.InRange(result.Steps[1].Duration, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        Assert.Equal(["undo slow", "undo a"], result.Undone.Select(u => u.Step));
        Assert.Equal("on_master rolled back: step 2 (slow) timed out: killed at its 0.2 s timeout", result.Summary());
    }

    [Fact]
    public async Task A_step_that_ignores_its_deadline_is_abandoned_shortly_after_it()
    {
        _steps.Do("stuck", async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(60));
            return StepOutcome.Ok("too late");
        });

        var result = await Run(ChainKind.VipDown, new FakeStep("stuck", Limit: TimeSpan.FromMilliseconds(100)), new FakeStep("next"));

        Assert.Equal(StepStatus.TimedOut, result.Steps[0].Status);
        Assert.Equal(StepStatus.Ok, result.Steps[1].Status);
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), result.Duration.ToString());
    }

    [Fact]
    public async Task A_step_that_throws_is_a_failed_step_and_the_runner_carries_on()
    {
        _steps.Do("bug", _ => throw new InvalidOperationException("no such thing"));

        var result = await Run(ChainKind.VipDown, new FakeStep("bug"), new FakeStep("next"));

        Assert.Equal((StepStatus.Failed, "no such thing"), (result.Steps[0].Status, result.Steps[0].Detail));
        Assert.Equal(StepStatus.Ok, result.Steps[1].Status);
        Assert.Equal(ChainOutcome.Succeeded, (await Run(ChainKind.VipUp, new FakeStep("after"))).Outcome);
    }

    [Fact]
    public async Task An_on_backup_queued_while_an_on_master_runs_cuts_it_after_its_current_step_then_runs()
    {
        var (release, started) = _steps.Block("mount");
        _runner.Enqueue(new Chain(ChainKind.VipUp, [FakeStep.Undoable("vip add"), FakeStep.Undoable("mount"), new FakeStep("start smbd")], "up"));
        await started.WaitAsync(Wait);

        _runner.Enqueue(new Chain(ChainKind.VipDown, [new FakeStep("vip remove"), new FakeStep("umount")], "down"));
        release.SetResult();
        await _runner.WhenIdleAsync().WaitAsync(Wait);

        Assert.Equal(["vip add", "mount", "vip remove", "umount"], _steps.Journal);
        var results = _finished.ToArray();
        Assert.Equal([ChainOutcome.Cut, ChainOutcome.Succeeded], results.Select(r => r.Outcome));
        Assert.Equal([StepStatus.Ok, StepStatus.Ok, StepStatus.Skipped], results[0].Steps.Select(s => s.Status));
        Assert.Empty(results[0].Undone);
        Assert.Equal("on_master cut after step 2 of 3", results[0].Summary());
        Assert.Contains("Warning: group samba: on_master stops after its current step: on_backup is queued", _log.Lines);
    }

    [Fact]
    public async Task An_on_master_whose_current_step_fails_after_the_cut_still_rolls_back()
    {
        var (release, started) = _steps.Block("mount", StepOutcome.Failed("exit 32"));
        _runner.Enqueue(new Chain(ChainKind.VipUp, [FakeStep.Undoable("vip add"), FakeStep.Undoable("mount")], "up"));
        await started.WaitAsync(Wait);

        _runner.Enqueue(new Chain(ChainKind.VipDown, [new FakeStep("vip remove")], "down"));
        release.SetResult();
        await _runner.WhenIdleAsync().WaitAsync(Wait);

        Assert.Equal(["vip add", "mount", "undo mount", "undo vip add", "vip remove"], _steps.Journal);
        Assert.Equal([ChainOutcome.RolledBack, ChainOutcome.Succeeded], _finished.Select(r => r.Outcome));
    }

    [Fact]
    public async Task An_on_backup_is_never_cut_and_a_later_on_master_waits_for_it()
    {
        var (release, started) = _steps.Block("stop smbd");
        _runner.Enqueue(new Chain(ChainKind.VipDown, [new FakeStep("vip remove"), new FakeStep("stop smbd"), new FakeStep("umount")], "down"));
        await started.WaitAsync(Wait);

        _runner.Enqueue(new Chain(ChainKind.VipUp, [new FakeStep("vip add")], "up"));
        release.SetResult();
        await _runner.WhenIdleAsync().WaitAsync(Wait);

        Assert.Equal(["vip remove", "stop smbd", "umount", "vip add"], _steps.Journal);
        Assert.Equal([ChainOutcome.Succeeded, ChainOutcome.Succeeded], _finished.Select(r => r.Outcome));
    }

    [Fact]
    public async Task A_waiting_chain_is_replaced_by_a_newer_one_before_it_starts()
    {
        var (release, started) = _steps.Block("mount");
        _runner.Enqueue(new Chain(ChainKind.VipUp, [new FakeStep("vip add"), new FakeStep("mount"), new FakeStep("start smbd")], "up 1"));
        await started.WaitAsync(Wait);

        _runner.Enqueue(new Chain(ChainKind.VipDown, [new FakeStep("vip remove")], "down"));
        _runner.Enqueue(new Chain(ChainKind.VipUp, [new FakeStep("vip add again")], "up 2"));
        release.SetResult();
        await _runner.WhenIdleAsync().WaitAsync(Wait);

        Assert.Equal(["vip add", "mount", "vip add again"], _steps.Journal);
        Assert.Equal(["up 1", "up 2"], _finished.Select(r => r.Reason));
        Assert.Equal(ChainOutcome.Cut, _finished.First().Outcome);
        Assert.Contains("Information: group samba: queued on_backup dropped before it started: on_master replaces it", _log.Lines);
    }

    [Fact]
    public async Task A_chain_queued_by_the_finished_callback_runs_next_and_cuts_nothing()
    {
        _steps.Fail("b");
        ChainRunner? runner = null;
        runner = new ChainRunner("samba", _steps, TimeProvider.System, _log, result =>
        {
            if (result.Outcome == ChainOutcome.RolledBack)
                runner!.Enqueue(new Chain(ChainKind.VipDown, [new FakeStep("teardown")], "not eligible"));
        });
        await using (runner)
        {
            runner.Enqueue(new Chain(ChainKind.VipUp, [new FakeStep("a"), new FakeStep("b")], "up"));
            await runner.WhenIdleAsync().WaitAsync(Wait);

            Assert.Equal(["a", "b", "teardown"], _steps.Journal);
            Assert.Equal(ChainKind.VipDown, runner.Last!.Kind);
            Assert.DoesNotContain(_log.Lines, l => l.Contains("stops after its current step"));
        }
    }

    [Fact]
    public async Task Running_a_chain_twice_gives_the_same_result_when_its_steps_are_idempotent()
    {
        var first = await Run(ChainKind.VipUp, new FakeStep("a"), new FakeStep("b"));
        var second = await Run(ChainKind.VipUp, new FakeStep("a"), new FakeStep("b"));

        Assert.Equal(Shape(first.Steps), Shape(second.Steps));
        Assert.Equal(["a", "b", "a", "b"], _steps.Journal);
        Assert.Equal(2, _finished.Count);
    }

    [Fact]
    public async Task Disposing_lets_the_queued_chains_finish_and_takes_no_more()
    {
        var (release, started) = _steps.Block("slow");
        _runner.Enqueue(new Chain(ChainKind.VipDown, [new FakeStep("slow")], "down"));
        await started.WaitAsync(Wait);

        var disposing = _runner.DisposeAsync().AsTask();
        _runner.Enqueue(new Chain(ChainKind.VipUp, [new FakeStep("late")], "up"));
        Assert.False(disposing.IsCompleted);
        release.SetResult();
        await disposing.WaitAsync(Wait);

        Assert.Equal(["slow"], _steps.Journal);
    }
}
