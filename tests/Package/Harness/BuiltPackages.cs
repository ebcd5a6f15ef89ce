using System.Diagnostics;

namespace Failover.Package.Tests.Harness;

/// <summary>
/// Two packages of this repository, built once per test run by packaging/deb/build.sh from one publish:
/// <see cref="First"/> and <see cref="Second"/> differ only in version, for the upgrade. Built on first use,
/// so a run where every package test is skipped (not root) builds nothing.
/// </summary>
public sealed class BuiltPackages : IDisposable
{
    public const string FirstVersion = "0.0.1~pkgtest1";
    public const string SecondVersion = "0.0.1~pkgtest2";

    private readonly string _work = Directory.CreateTempSubdirectory("failover-pkgtest.").FullName;
    private readonly Lazy<(string First, string Second, string Log)> _built;

    public BuiltPackages() => _built = new(Build);

    public string First => _built.Value.First;

    public string Second => _built.Value.Second;

    /// <summary>What build.sh printed and how long the builds took.</summary>
    public string Log => _built.Value.Log;

    private (string, string, string) Build()
    {
        var script = Path.Combine(RepositoryRoot.Find(), "packaging", "deb", "build.sh");
        var publish = Path.Combine(_work, "publish");
        var clock = Stopwatch.StartNew();
        // zstd: the fastest compressor; the files are the same either way.
        var first = Run(script, FirstVersion, "--publish-dir", publish);
        var published = clock.Elapsed;
        var second = Run(script, SecondVersion, "--publish-dir", publish, "--no-publish");
        var log = $"{first.StdOut}{second.StdOut}build.sh: {published.TotalSeconds:0} s with publish, {(clock.Elapsed - published).TotalSeconds:0} s without";
        return (LastLine(first), LastLine(second), log);
    }

    private CommandResult Run(string script, string version, params string[] options) =>
        HostCommand.RunChecked("/bin/bash",
            [script, "--version", version, "--out", Path.Combine(_work, "out"), "--compress", "zstd", .. options],
            TimeSpan.FromMinutes(15));

    /// <summary>build.sh prints the package's path last.</summary>
    private static string LastLine(CommandResult result)
    {
        var deb = result.StdOut.TrimEnd().Split('\n')[^1];
        return File.Exists(deb) ? deb : throw new InvalidOperationException($"build.sh printed no package path:\n{result}");
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
