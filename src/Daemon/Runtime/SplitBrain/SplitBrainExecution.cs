using Failover.Actions.SplitBrain;
using Failover.Remote;

namespace Failover.Daemon.Runtime;

/// <summary>
/// Runs a plan's commands in order, this node's locally and the peer's through the <see cref="IRemoteRunner"/>;
/// the first failure (exit status, timeout, no ssh session) stops it. Each step is reported as it ends.
/// </summary>
public sealed class SplitBrainExecution(string localNode, ILocalCommands local, IRemoteRunner peer, TimeProvider time)
{
    private const int DetailCap = 300;

    public async Task<SplitBrainRunResult> RunAsync(SplitBrainPlan plan, Action<SplitBrainStepLog> stepEnded, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var steps = new List<SplitBrainStepLog>();
        foreach (var command in plan.Commands)
        {
            var result = command.Node == localNode
                ? await local.RunAsync(command.Argv, command.Timeout, cancellationToken).ConfigureAwait(false)
                : await peer.RunAsync(command.Argv, command.Timeout, cancellationToken).ConfigureAwait(false);
            var step = new SplitBrainStepLog(command, result.Succeeded, result.Took, Detail(result, command, peer.Target, localNode), Output(result));
            steps.Add(step);
            stepEnded(step);
            if (!step.Ok)
                return new SplitBrainRunResult(plan, false, steps, started, time.GetUtcNow());
        }
        return new SplitBrainRunResult(plan, true, steps, started, time.GetUtcNow());
    }

    private static string Detail(RemoteResult result, SplitBrainCommand command, string target, string localNode)
    {
        if (result.TimedOut)
            return $"no exit within {command.Timeout.TotalSeconds:0} s: killed";
        var complaint = FirstLine(result.StdErr) ?? FirstLine(result.StdOut);
        var detail = $"exit {result.ExitCode}" + (complaint is null ? "" : $": {complaint}");
        if (result.ExitCode == 255 && command.Node != localNode)
            detail += $" (ssh to {target} may have failed)";
        return detail.Length > DetailCap ? detail[..DetailCap] + "…" : detail;
    }

    private static string Output(RemoteResult result) =>
        string.Join('\n', new[] { result.StdOut.TrimEnd(), result.StdErr.TrimEnd() }.Where(s => s.Length > 0));

    private static string? FirstLine(string text) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
}
