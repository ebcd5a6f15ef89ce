using System.Diagnostics;

namespace Failover.Lab.Tests.Harness;

/// <summary>Runs a short-lived program to completion, with a deadline.</summary>
internal static class Command
{
    public static ExecResult Run(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A background grandchild can hold the pipes open after the process exits, so the reads get the deadline too.
        if (!process.WaitForExit(timeout) || !Task.WaitAll([stdout, stderr], timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{Describe(file, args)}` did not finish within {timeout.TotalSeconds:0.#} s");
        }

        return new ExecResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Like <see cref="Run"/>, but a non-zero exit is an error carrying the program's stderr.</summary>
    public static ExecResult RunChecked(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var result = Run(file, args, timeout);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"`{Describe(file, args)}` exited {result.ExitCode}: {result.StdErr.Trim()}");
        }

        return result;
    }

    public static string Describe(string file, IEnumerable<string> args) =>
        string.Join(' ', args.Prepend(Path.GetFileName(file)));
}
