namespace Failover.Lab.Tests.Harness;

/// <summary>How a finished command went.</summary>
public sealed record ExecResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;
}
