using System.Collections.Concurrent;

namespace Failover.Lab.Tests.Harness;

/// <summary>Finds the host programs the lab drives, failing loudly (not skipping) when one is missing.</summary>
public static class LabTool
{
    // sudo and CI shells do not always put the sbin directories on PATH, where ip and ucarp live.
    private static readonly string[] FallbackDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];
    private static readonly ConcurrentDictionary<string, string> Found = new();

    /// <summary>The absolute path of <paramref name="name"/>, or an exception naming the Debian package.</summary>
    public static string Require(string name, string package) =>
        Found.GetOrAdd(name, _ => Search(name)
            ?? throw new InvalidOperationException(
                $"lab tests need '{name}', which is not installed: apt-get install -y {package} (./test.sh does this when run as root)"));

    private static string? Search(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(FallbackDirectories);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file)
        && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
