using System.Diagnostics;

namespace Failover.Package.Tests.Harness;

/// <summary>Runs a program on the host to completion, with a deadline and no stdin.</summary>
public static class HostCommand
{
    public static CommandResult Run(string file, IReadOnlyList<string> args, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // The test host runs under `dotnet test`, whose MSBuild variables would steer the dotnet publish that
        // build.sh starts towards the test run's MSBuild instead of its own.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(name);
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;

        var command = string.Join(' ', args.Prepend(file));
        var deadline = timeout ?? TimeSpan.FromMinutes(2);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A background grandchild can hold the pipes open after the process exits: the reads get the deadline too.
        if (!process.WaitForExit(deadline) || !Task.WaitAll([stdout, stderr], deadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {deadline.TotalSeconds:0} s");
        }
        return new CommandResult(command, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Like <see cref="Run"/>, but a non-zero exit is an error with the program's output.</summary>
    public static CommandResult RunChecked(string file, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var result = Run(file, args, timeout);
        return result.Succeeded ? result : throw new InvalidOperationException(result.ToString());
    }

    /// <summary>bash -c SCRIPT, checked.</summary>
    public static CommandResult Bash(string script) => RunChecked("/bin/bash", ["-c", script]);
}
