using System.ComponentModel;
using System.Diagnostics;

namespace Failover.Linux.Processes;

/// <summary>
/// Runs a program that prints and exits (argv, never a shell) under a deadline: stdin is closed at once,
/// stdout and stderr are drained but only their first bytes kept, and on the deadline or the caller's
/// cancellation the whole process tree is killed, so a check that forked a hung child leaves nothing behind.
/// That includes processes that left the tree (a job backgrounded by a subshell that exited): each run
/// carries a <see cref="RunTag"/> in its environment, and <see cref="RunProcesses"/> kills whatever holds it.
/// </summary>
public static class BoundedCommand
{
    private const int StderrCap = 4096;

    /// <summary>How long to wait for the pipes' EOF after exit or kill: a grandchild that escaped the
    /// kill may hold them open forever.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromMilliseconds(500);

    /// <exception cref="Win32Exception">The program cannot be started.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (tree killed).</exception>
    public static async Task<CommandOutput> RunAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout, int stdoutCap, TimeProvider time, CancellationToken cancellationToken)
    {
        var tag = new RunTag();
        using var process = new Process { StartInfo = StartInfo(argv, environment, tag) };
        process.Start();
        process.StandardInput.Close();
        using var drain = new CancellationTokenSource();
        var stdout = ReadCappedAsync(process.StandardOutput.BaseStream, stdoutCap, drain.Token);
        var stderr = ReadCappedAsync(process.StandardError.BaseStream, StderrCap, drain.Token);

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            RunProcesses.Kill(process, tag);
            drain.Cancel();
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new CommandOutput(true, -1, [], []);
        }

        drain.CancelAfter(DrainGrace);
        return new CommandOutput(false, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    public static ProcessStartInfo StartInfo(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment, RunTag tag)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in argv.Skip(1))
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        info.Environment[RunTag.Variable] = tag.Value;
        return info;
    }

    /// <summary>Reads until EOF, or until <paramref name="token"/> fires, keeping the first
    /// <paramref name="cap"/> bytes and draining the rest so the program never blocks on a full pipe.</summary>
    private static async Task<byte[]> ReadCappedAsync(Stream stream, int cap, CancellationToken token)
    {
        var kept = new byte[cap];
        var length = 0;
        var scratch = new byte[4096];
        try
        {
            while (true)
            {
                var target = length < cap ? kept.AsMemory(length) : scratch.AsMemory();
                var read = await stream.ReadAsync(target, token).ConfigureAwait(false);
                if (read == 0)
                    break;
                if (length < cap)
                    length += read;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Keep what came before the pipe was given up on.
        }
        return kept[..length];
    }
}
