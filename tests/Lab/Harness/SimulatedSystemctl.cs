using System.Globalization;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A node's systemctl, simulated by tests/Lab/Sim/systemctl-lab, whose units are real programs: failoverd's
/// service steps (run in the node's namespace) start and stop a real slapd, smbd or dhcpd there, and its exec
/// monitors ask <c>is-active</c>. A unit is the program's foreground argv and, optionally, the TCP port whose
/// listener means "started". What the units leave running dies with the lab's namespaces.
/// </summary>
public sealed class SimulatedSystemctl
{
    private readonly string dir;

    private SimulatedSystemctl(LabNode node, string dir)
    {
        Node = node;
        this.dir = dir;
    }

    public LabNode Node { get; }

    /// <summary>The path to give as a service step's <c>command:</c>.</summary>
    public string Path => System.IO.Path.Combine(dir, "systemctl");

    public static SimulatedSystemctl Create(NetLab lab, LabNode node)
    {
        var dir = Directory.CreateDirectory(System.IO.Path.Combine(lab.WorkDirectory, $"systemd-{node.Name}")).FullName;
        File.CreateSymbolicLink(System.IO.Path.Combine(dir, "systemctl"),
            System.IO.Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Lab", "Sim", "systemctl-lab"));
        return new SimulatedSystemctl(node, dir);
    }

    /// <summary>Defines unit <paramref name="name"/>: <paramref name="argv"/> runs in the foreground; with
    /// <paramref name="port"/>, start waits until something listens there.</summary>
    public void Define(string name, IReadOnlyList<string> argv, int? port = null)
    {
        File.WriteAllLines(Unit(name, "unit"), argv);
        if (port is { } p)
            File.WriteAllText(Unit(name, "port"), p.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    /// <summary>The unit's process, if it runs.</summary>
    public int? Pid(string name)
    {
        var file = Unit(name, "pid");
        if (!File.Exists(file) || !int.TryParse(File.ReadAllText(file).Trim(), out var pid))
            return null;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat.Contains(") Z", StringComparison.Ordinal) ? null : pid;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public bool IsActive(string name) => Pid(name) is not null;

    /// <summary>SIGKILL to the unit's program: a crash, which systemctl did not ask for.</summary>
    public void Crash(string name)
    {
        var pid = Pid(name) ?? throw new InvalidOperationException($"{name} does not run on {Node.Name}");
        _ = Libc.Kill(pid, 9);
    }

    /// <summary>Every call so far, its arguments one line each.</summary>
    public IReadOnlyList<string> Calls()
    {
        var file = System.IO.Path.Combine(dir, "calls");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }

    public string Log(string name) => File.Exists(Unit(name, "log")) ? File.ReadAllText(Unit(name, "log")) : "";

    private string Unit(string name, string suffix) => System.IO.Path.Combine(dir, $"{name}.{suffix}");
}
