namespace Failover.Lab.Tests.Harness;

/// <summary>Finds the project's own programs (failoverd, failoverctl) in the build output.</summary>
public static class BuildOutput
{
    /// <summary>
    /// <paramref name="environmentVariable"/> when set; else the newer of
    /// <c>{projectDirectory}/bin/{Release,Debug}/net10.0/{program}</c> under the repository root.
    /// </summary>
    public static string Find(string program, string projectDirectory, string environmentVariable)
    {
        if (Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } chosen)
        {
            return File.Exists(chosen)
                ? Path.GetFullPath(chosen)
                : throw new InvalidOperationException($"{environmentVariable}={chosen}: no such file");
        }

        var root = RepositoryRoot();
        return new[] { "Release", "Debug" }
            .Select(configuration => Path.Combine(root, projectDirectory, "bin", configuration, "net10.0", program))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"{program} is not built under {Path.Combine(root, projectDirectory)}: run `dotnet build -c Release Failover.sln` or set {environmentVariable}");
    }

    /// <summary>The nearest directory above the test assembly that holds Failover.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Failover.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Failover.sln above {AppContext.BaseDirectory}");
    }
}
