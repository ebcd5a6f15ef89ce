namespace Failover.Package.Tests.Harness;

public static class HostPath
{
    /// <summary>Whether anything is at <paramref name="path"/>, a dangling symlink included.</summary>
    public static bool Exists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>The paths among <paramref name="paths"/> that are there now and were not in <paramref name="before"/>.</summary>
    public static IReadOnlyList<string> Added(IEnumerable<string> paths, IReadOnlySet<string> before) =>
        paths.Where(p => !before.Contains(p) && Exists(p)).Order(StringComparer.Ordinal).ToList();
}
