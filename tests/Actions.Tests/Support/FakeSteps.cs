using System.Collections.Concurrent;
using Failover.Actions.Chains;

namespace Failover.Actions.Tests.Support;

/// <summary>Runs fake steps: succeeds unless told otherwise, and keeps a journal of what ran, in order.</summary>
internal sealed class FakeSteps : IStepRunner
{
    private readonly ConcurrentDictionary<string, Func<CancellationToken, Task<StepOutcome>>> _behaviour = new();
    private readonly ConcurrentQueue<string> _journal = new();

    public IReadOnlyList<string> Journal => _journal.ToArray();

    public void Fail(string name, string detail = "exit 1") => _behaviour[name] = _ => Task.FromResult(StepOutcome.Failed(detail));

    public void Do(string name, Func<CancellationToken, Task<StepOutcome>> behaviour) => _behaviour[name] = behaviour;

    /// <summary>The step waits until the returned source is completed, then ends with <paramref name="outcome"/>
    /// (success by default); it says when it has started.</summary>
    public (TaskCompletionSource Release, Task Started) Block(string name, StepOutcome? outcome = null)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _behaviour[name] = async _ =>
        {
            started.TrySetResult();
            await release.Task;
            return outcome ?? StepOutcome.Ok("released");
        };
        return (release, started.Task);
    }

    public async Task<StepOutcome> RunAsync(ChainStep step, CancellationToken deadline)
    {
        var name = step.Describe();
        _journal.Enqueue(name);
        return _behaviour.TryGetValue(name, out var behaviour) ? await behaviour(deadline) : StepOutcome.Ok("done", $"{name} said hello");
    }
}
