namespace Failover.Monitors.Tests.Drbd;

/// <summary>
/// A directory holding a symlink named drbdsetup to the drbdsetup-sim script, and the files that drive it (see the
/// script's header). A symlink rather than a copy: exec'ing a file just written can fail with "Text file busy" while
/// another test's fork still holds it open.
/// </summary>
internal sealed class SimulatedDrbdsetup : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("drbdsetup-sim-");

    public SimulatedDrbdsetup(string state)
    {
        Program = Path.Combine(_dir.FullName, "drbdsetup");
        File.CreateSymbolicLink(Program, Path.Combine(AppContext.BaseDirectory, "Drbd", "drbdsetup-sim"));
        SetState(state);
    }

    public string Program { get; }

    /// <summary>The pids of every start, in order.</summary>
    public IReadOnlyList<int> Starts
    {
        get
        {
            var path = PathOf("starts");
            return File.Exists(path)
                ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(int.Parse).ToList()
                : [];
        }
    }

    /// <summary>What the next start dumps (the lines before <c>exists -</c>).</summary>
    public void SetState(string state) => File.WriteAllText(PathOf("state"), state.TrimEnd() + "\n");

    /// <summary>Lines the running stream prints next; one write, so the script never sees half of them.</summary>
    public void Stream(string lines) => File.AppendAllText(PathOf("events"), lines.TrimEnd() + "\n");

    /// <summary>The running stream prints <paramref name="message"/> on stderr and exits with <paramref name="code"/>.</summary>
    public void Exit(int code, string message) => Stream($"exit {code} {message}");

    /// <summary>Starts from now on hang before their dump; <see cref="Unhang"/> undoes it.</summary>
    public void Hang() => File.WriteAllText(PathOf("hang"), "");

    public void Unhang() => File.Delete(PathOf("hang"));

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);
}
