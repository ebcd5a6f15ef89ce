using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// A private network of namespaces: one bridge namespace holding a Linux bridge, and one namespace per
/// node cabled to it by a veth pair. Names are <c>fl</c> + 6 random hex digits + <c>-br</c> / <c>-NODE</c>,
/// so labs never collide. Disposing kills every process the lab started and deletes every namespace it
/// made, including half-made ones, whether or not the test passed; it never throws, it logs.
/// </summary>
public sealed partial class NetLab : IAsyncDisposable
{
    private const string Bridge = "br0";
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(10);

    private readonly string ip;
    private readonly Action<string> log;
    private readonly Lock gate = new();
    private readonly List<string> namespaces = [];
    private readonly List<LabNode> nodes = [];
    private readonly List<LabProcess> processes = [];
    private bool tornDown;

    static NetLab()
    {
        // Exec and the lab's own ip commands block a pool thread while their output is read on others,
        // and process output arrives on pool threads too. On 2 cores the pool starts with 2 threads and
        // adds more only every ~0.5 s, which delayed output lines by up to a second and skewed timings.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), completionPorts);
    }

    /// <param name="log">Where setup notes and, at the end, each process's last output lines go
    /// (pass <c>ITestOutputHelper.WriteLine</c>).</param>
    public NetLab(Action<string>? log = null)
    {
        this.log = log ?? (_ => { });
        ip = LabTool.Require("ip", "iproute2");
        Prefix = LabSweep.OwnPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        BridgeNamespace = $"{Prefix}-br";
        WorkDirectory = Directory.CreateTempSubdirectory($"failover-lab-{Prefix}-").FullName;
        try
        {
            SweepStale();
            RecordOwner();
            CreateNamespace(BridgeNamespace);
            Ip("-n", BridgeNamespace, "link", "set", "lo", "up");
            Ip("-n", BridgeNamespace, "link", "add", Bridge, "type", "bridge");
            Ip("-n", BridgeNamespace, "link", "set", Bridge, "up");
        }
        catch
        {
            TearDown();
            throw;
        }
    }

    /// <summary>This lab's unique prefix, e.g. <c>fl3fa9c1</c>.</summary>
    public string Prefix { get; }

    public string BridgeNamespace { get; }

    /// <summary>A private temporary directory for scripts and configs; deleted with the lab.</summary>
    public string WorkDirectory { get; }

    /// <summary>The deadline for <see cref="Exec"/>.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every namespace this lab made (or began to make).</summary>
    public IReadOnlyList<string> Namespaces
    {
        get
        {
            lock (gate)
            {
                return namespaces.ToArray();
            }
        }
    }

    /// <summary>
    /// A node named <paramref name="name"/> (lower-case letters and digits, at most 10) with address
    /// <paramref name="cidr"/> (e.g. <c>192.0.2.1/24</c>) on its <c>eth0</c>, cabled to the bridge.
    /// </summary>
    public LabNode AddNode(string name, string cidr)
    {
        if (!NodeName().IsMatch(name))
        {
            throw new ArgumentException($"node name '{name}': use 1-10 lower-case letters and digits", nameof(name));
        }

        lock (gate)
        {
            if (nodes.Any(n => n.Name == name))
            {
                throw new ArgumentException($"node '{name}' exists already", nameof(name));
            }
        }

        var node = new LabNode(name, $"{Prefix}-{name}", cidr, BridgePort: name);
        CreateNamespace(node.Namespace);
        Ip("-n", node.Namespace, "link", "set", "lo", "up");
        // Made inside the node's namespace with its peer sent straight to the bridge namespace, so
        // nothing is ever created in the host's namespace (where names could clash with other labs).
        Ip("-n", node.Namespace, "link", "add", LabNode.Interface, "type", "veth",
            "peer", "name", node.BridgePort, "netns", BridgeNamespace);
        Ip("-n", BridgeNamespace, "link", "set", node.BridgePort, "master", Bridge);
        Ip("-n", BridgeNamespace, "link", "set", node.BridgePort, "up");
        Ip("-n", node.Namespace, "addr", "add", cidr, "dev", LabNode.Interface);
        Ip("-n", node.Namespace, "link", "set", LabNode.Interface, "up");
        lock (gate)
        {
            nodes.Add(node);
        }

        return node;
    }

    /// <summary>Pulls the node's cable: its bridge-side port goes down, so its eth0 loses carrier.</summary>
    public void CutLink(LabNode node) => Ip("-n", BridgeNamespace, "link", "set", node.BridgePort, "down");

    /// <summary>Plugs the node's cable back in.</summary>
    public void PlugLink(LabNode node) => Ip("-n", BridgeNamespace, "link", "set", node.BridgePort, "up");

    /// <summary>What the node's eth0 reports in /sys/class/net/eth0/carrier.</summary>
    public bool HasCarrier(LabNode node)
    {
        var result = Exec(node, "cat", $"/sys/class/net/{LabNode.Interface}/carrier");
        return result.Succeeded && result.StdOut.Trim() == "1";
    }

    /// <summary>Whether <paramref name="address"/> (with or without /prefix) is configured on the node's eth0.</summary>
    public bool HasAddress(LabNode node, string address)
    {
        var bare = address.Split('/')[0];
        var shown = Ip("-n", node.Namespace, "-o", "addr", "show", "dev", LabNode.Interface).StdOut;
        return InetAddress().Matches(shown).Any(m => m.Groups["address"].Value == bare);
    }

    /// <summary>Runs a command inside the node to completion (deadline <see cref="ExecTimeout"/>).</summary>
    public ExecResult Exec(LabNode node, params string[] argv) =>
        Command.Run(ip, ["netns", "exec", node.Namespace, .. argv], ExecTimeout);

    /// <summary>Starts a long-running program inside the node; the lab kills it when disposed.</summary>
    public LabProcess Start(LabNode node, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? env = null)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(tornDown, this);
            var process = LabProcess.Start($"{node.Name} {Path.GetFileName(argv[0])}", ip, node.Namespace, argv, env);
            processes.Add(process);
            return process;
        }
    }

    /// <summary>Writes a file into <see cref="WorkDirectory"/> and returns its path.</summary>
    public string WriteFile(string fileName, string content, bool executable = false)
    {
        var path = Path.Combine(WorkDirectory, fileName);
        File.WriteAllText(path, content);
        if (executable)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public ValueTask DisposeAsync()
    {
        TearDown();
        return ValueTask.CompletedTask;
    }

    private void TearDown()
    {
        LabProcess[] started;
        string[] made;
        lock (gate)
        {
            if (tornDown)
            {
                return;
            }

            tornDown = true;
            started = processes.ToArray();
            made = namespaces.ToArray();
        }

        // Every step is tried whatever the others did: a test's failure must not leave namespaces behind.
        foreach (var process in started)
        {
            Attempt($"stop {process.Name}", () =>
            {
                process.Kill();
                Log($"--- {process.Name} (exit {process.ExitCode}), {process.LineCount} lines ---\n{process.Tail(60)}");
                process.Dispose();
            });
        }

        foreach (var ns in made.Reverse())
        {
            Attempt($"delete namespace {ns}", () => RemoveNamespace(ip, ns));
        }

        Attempt($"delete {WorkDirectory}", () => ForgetPrefix(Prefix));
    }

    private void Attempt(string what, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            Log($"cleanup: could not {what}: {e.Message}");
        }
    }

    private void CreateNamespace(string name)
    {
        // Registered first, so that a half-made namespace is still deleted.
        lock (gate)
        {
            namespaces.Add(name);
        }

        Command.RunChecked(ip, ["netns", "add", name], SetupTimeout);
    }

    private void RecordOwner()
    {
        Directory.CreateDirectory(LabSweep.OwnerDirectory);
        File.WriteAllText(OwnerFile(Prefix), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    }

    private void SweepStale()
    {
        var listed = Command.RunChecked(ip, ["netns", "list"], SetupTimeout).StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .Select(name => (name, new DateTimeOffset(File.GetLastWriteTimeUtc($"/run/netns/{name}"))));
        var stale = LabSweep.Stale(listed, OwnerAlive, DateTimeOffset.UtcNow);
        foreach (var ns in stale)
        {
            Log($"sweeping namespace {ns}, left behind by an earlier run");
            RemoveNamespace(ip, ns);
        }

        foreach (var prefix in stale.Select(LabSweep.PrefixOf).Distinct())
        {
            ForgetPrefix(prefix!);
        }
    }

    private static bool OwnerAlive(string prefix)
    {
        try
        {
            return int.TryParse(File.ReadAllText(OwnerFile(prefix)), out var pid) && Directory.Exists($"/proc/{pid}");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void RemoveNamespace(string ip, string ns)
    {
        if (!File.Exists($"/run/netns/{ns}"))
        {
            return;
        }

        // Anything still inside (a script a daemon spawned, a process of a crashed run) dies first,
        // or the namespace would outlive its name.
        var pids = Command.Run(ip, ["netns", "pids", ns], SetupTimeout).StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var pid in pids)
        {
            _ = Libc.Kill(int.Parse(pid, CultureInfo.InvariantCulture), 9);
        }

        Command.RunChecked(ip, ["netns", "delete", ns], SetupTimeout);
    }

    private static void ForgetPrefix(string prefix)
    {
        File.Delete(OwnerFile(prefix));
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), $"failover-lab-{prefix}-*"))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string OwnerFile(string prefix) => Path.Combine(LabSweep.OwnerDirectory, $"{prefix}.pid");

    private ExecResult Ip(params string[] args) => Command.RunChecked(ip, args, SetupTimeout);

    private void Log(string message)
    {
        try
        {
            log(message);
        }
        catch (InvalidOperationException)
        {
            // The test's output helper is gone (the test already ended); nothing left to tell.
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,9}$")]
    private static partial Regex NodeName();

    [GeneratedRegex(@"\binet6? (?<address>[0-9a-f.:]+)/")]
    private static partial Regex InetAddress();
}
