namespace Failover.Daemon.Tests.Config;

/// <summary>A private scratch directory, deleted with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("failover-config-").FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> to a new file created with <paramref name="mode"/> (not subject to umask surprises).</summary>
    public string WriteFile(string name, string content, UnixFileMode mode)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows()) // failoverd is Linux-only; this keeps the platform analyzer quiet
            File.SetUnixFileMode(path, mode);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
