using System.Diagnostics;
using System.Text;

namespace Failover.Monitors.Drbd;

/// <summary>Runs a command (argv, no shell) that prints and exits, under a deadline that kills its process tree.</summary>
internal static class DrbdCommand
{
    /// <summary>A dump of a few hundred resources is well below this; a runaway command is cut, not buffered.</summary>
    private const int MaxChars = 1 << 20;

    /// <summary>How long to wait for the pipes' EOF after exit or kill: a grandchild that escaped may hold them.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromMilliseconds(500);

    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (tree killed).</exception>
    public static async Task<DrbdCommandOutput> RunAsync(
        IReadOnlyList<string> argv, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in argv.Skip(1)) info.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = info };
        process.Start();
        process.StandardInput.Close();
        using var drain = new CancellationTokenSource();
        var stdout = ReadCappedAsync(process.StandardOutput, drain.Token);
        var stderr = ReadCappedAsync(process.StandardError, drain.Token);

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            drain.Cancel();
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new DrbdCommandOutput(true, -1, "", "");
        }

        drain.CancelAfter(DrainGrace);
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        return new DrbdCommandOutput(false, process.ExitCode, output, FirstLine(errors));
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, CancellationToken token)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                // Keep draining past the cap so the command never blocks on a full pipe.
                if (kept.Length < MaxChars) kept.Append(buffer, 0, Math.Min(read, MaxChars - kept.Length));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Keep what came before the pipe was given up on.
        }
        return kept.ToString();
    }

    private static string FirstLine(string text)
    {
        foreach (var line in text.Split('\n'))
            if (line.Trim() is { Length: > 0 } trimmed) return trimmed.Length <= 200 ? trimmed : trimmed[..200] + "…";
        return "";
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited meanwhile: nothing left to kill.
        }
    }
}
