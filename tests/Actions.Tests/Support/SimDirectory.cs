namespace Failover.Actions.Tests.Support;

/// <summary>
/// A scratch directory holding simulated commands (symlinks to the scripts in Sim/, which keep their state
/// next to the link) and the files the tests give them; deleted with everything in it.
/// </summary>
internal sealed class SimDirectory : IDisposable
{
    public SimDirectory() => Path = Directory.CreateTempSubdirectory("failover-actions-").FullName;

    public string Path { get; }

    /// <summary>Links <paramref name="name"/> to Sim/<paramref name="script"/>; returns the link's path.</summary>
    public string Command(string name, string script)
    {
        var link = File(name);
        System.IO.File.CreateSymbolicLink(link, System.IO.Path.Combine(AppContext.BaseDirectory, "Sim", script));
        return link;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Touch(string name) => System.IO.File.WriteAllText(File(name), "");

    public string Read(string name) => System.IO.File.Exists(File(name)) ? System.IO.File.ReadAllText(File(name)) : "";

    public string[] Calls => Read("calls").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
