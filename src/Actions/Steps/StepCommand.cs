using System.ComponentModel;
using System.Text;
using Failover.Actions.Chains;
using Failover.Linux.Processes;

namespace Failover.Actions.Steps;

/// <summary>Runs one program for a step and says how it went: the exit status, the first line it
/// complained with, and its output (each stream capped).</summary>
internal static class StepCommand
{
    private const int OutputCap = 4096;
    private const int DetailCap = 200;

    /// <exception cref="OperationCanceledException">The deadline fired; the process tree was killed.</exception>
    public static async Task<StepOutcome> RunAsync(IReadOnlyList<string> argv, TimeProvider time, CancellationToken deadline)
    {
        CommandOutput output;
        try
        {
            // The step's deadline is the only one: it kills the tree and throws.
            output = await BoundedCommand.RunAsync(argv, null, Timeout.InfiniteTimeSpan, OutputCap, time, deadline).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            return StepOutcome.Failed($"cannot run {argv[0]}: {e.Message}");
        }

        var stdout = Encoding.UTF8.GetString(output.Stdout).TrimEnd();
        var stderr = Encoding.UTF8.GetString(output.Stderr).TrimEnd();
        var text = stdout.Length > 0 && stderr.Length > 0 ? $"{stdout}\n{stderr}" : stdout + stderr;
        if (output.ExitCode == 0)
            return StepOutcome.Ok("exit 0", text);
        var complaint = FirstLine(stderr) ?? FirstLine(stdout);
        return StepOutcome.Failed(complaint is null ? $"exit {output.ExitCode}" : $"exit {output.ExitCode}: {complaint}", text);
    }

    private static string? FirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line is { Length: > DetailCap } ? line[..DetailCap] + "…" : line;
    }
}
