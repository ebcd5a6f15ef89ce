namespace Failover.Package.Tests.Harness;

/// <summary>How a program ended and what it printed.</summary>
public sealed record CommandResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>For assertion messages: the command, its exit code and its output.</summary>
    public override string ToString() => $"`{Command}` exited {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}
