namespace Failover.Package.Tests.Harness;

public static class RepositoryRoot
{
    /// <summary>The nearest directory above the test assembly that holds Failover.sln.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Failover.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"no Failover.sln above {AppContext.BaseDirectory}");
    }
}
