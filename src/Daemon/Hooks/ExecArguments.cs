using System.Diagnostics;

namespace Failover.Daemon.Hooks;

/// <summary>How an exec step's argv is started: directly, never through a shell.</summary>
public static class ExecArguments
{
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> argv)
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
        return info;
    }
}
