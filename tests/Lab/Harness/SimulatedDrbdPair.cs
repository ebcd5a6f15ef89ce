namespace Failover.Lab.Tests.Harness;

/// <summary>
/// One DRBD resource replicated between two lab nodes, simulated (these machines have no DRBD module) by
/// tests/Lab/Sim/drbdadm-pair and drbdsetup-pair over files in the lab's work directory, so that both nodes
/// see one consistent state: n1's Primary is n2's peer role, a resync is SyncSource on one side and
/// SyncTarget on the other. Point a node's drbd steps at <see cref="Drbdadm"/> and its drbd monitor at
/// <see cref="Drbdsetup"/>; the test sets disks, the replication link and resync progress.
/// </summary>
public sealed class SimulatedDrbdPair
{
    private readonly string shared;

    private SimulatedDrbdPair(string shared, string resource, LabNode first, LabNode second)
    {
        this.shared = shared;
        Resource = resource;
        First = first;
        Second = second;
    }

    public string Resource { get; }

    public LabNode First { get; }

    public LabNode Second { get; }

    /// <summary>Both nodes Secondary and UpToDate, Connected.</summary>
    public static SimulatedDrbdPair Create(NetLab lab, string resource, LabNode first, LabNode second)
    {
        var shared = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, $"drbd-{resource}")).FullName;
        var sim = Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Lab", "Sim");
        var pair = new SimulatedDrbdPair(shared, resource, first, second);
        pair.Put("resource", resource);
        pair.Put("first", first.Name);
        pair.Put("link", "up");
        foreach (var (node, peer) in new[] { (first, second), (second, first) })
        {
            var dir = Directory.CreateDirectory(Path.Combine(shared, node.Name)).FullName;
            File.CreateSymbolicLink(Path.Combine(dir, "drbdadm"), Path.Combine(sim, "drbdadm-pair"));
            File.CreateSymbolicLink(Path.Combine(dir, "drbdsetup"), Path.Combine(sim, "drbdsetup-pair"));
            File.WriteAllText(Path.Combine(dir, "peer"), peer.Name + "\n");
            pair.Put($"role.{node.Name}", "Secondary");
            pair.Put($"disk.{node.Name}", "UpToDate");
            pair.Put($"data.{node.Name}", "replicated before any split");
        }
        return pair;
    }

    /// <summary>The node's drbdadm (primary, secondary, connect, disconnect).</summary>
    public string Drbdadm(LabNode node) => Path.Combine(shared, node.Name, "drbdadm");

    /// <summary>The node's drbdsetup (events2 all, events2 --now all).</summary>
    public string Drbdsetup(LabNode node) => Path.Combine(shared, node.Name, "drbdsetup");

    public string Role(LabNode node) => Get($"role.{node.Name}");

    public string Disk(LabNode node) => Get($"disk.{node.Name}");

    public void SetDisk(LabNode node, string disk) => Put($"disk.{node.Name}", disk);

    public void SetRole(LabNode node, string role) => Put($"role.{node.Name}", role);

    /// <summary>The node's simulated data: what a recovery keeps or discards (drbdadm-pair copies the survivor's).</summary>
    public string Data(LabNode node) => Get($"data.{node.Name}");

    /// <summary>A write on <paramref name="node"/>; replicated to the peer only while they are connected and not split.</summary>
    public void Write(LabNode node, string data)
    {
        Put($"data.{node.Name}", data);
        if (!IsSplit && !File.Exists(Path.Combine(shared, $"standalone.{First.Name}")) && !File.Exists(Path.Combine(shared, $"standalone.{Second.Name}")))
            Put($"data.{(node == First ? Second : First).Name}", data);
    }

    /// <summary>The pair is split (not yet resolved by a --discard-my-data connect).</summary>
    public bool IsSplit => File.Exists(Path.Combine(shared, "splitbrain"));

    /// <summary>
    /// DRBD finds a split brain as the two meet again after both wrote: both sides StandAlone, and a stream
    /// prints the split-brain helper call. Each side keeps its own data until a recovery.
    /// </summary>
    public void SplitBrain() => Locked(() =>
    {
        File.WriteAllText(Path.Combine(shared, $"standalone.{First.Name}"), "");
        File.WriteAllText(Path.Combine(shared, $"standalone.{Second.Name}"), "");
        Put("splitbrain", "yes");
    });

    /// <summary>The replication link goes down (both sides Connecting) or comes back.</summary>
    public void SetLink(bool up) => Put("link", up ? "up" : "down");

    /// <summary>A resync from <paramref name="source"/> to <paramref name="target"/> at <paramref name="percent"/>
    /// done: the target's disk is Inconsistent until <see cref="EndResync"/>.</summary>
    public void Resync(LabNode source, LabNode target, double percent) => Locked(() =>
    {
        SetDisk(target, "Inconsistent");
        Put("sync", FormattableString.Invariant($"{source.Name} {target.Name} {percent:0.0}"));
    });

    /// <summary>The resync finished: both disks UpToDate, replication Established.</summary>
    public void EndResync() => Locked(() =>
    {
        SetDisk(First, "UpToDate");
        SetDisk(Second, "UpToDate");
        File.Delete(Path.Combine(shared, "sync"));
    });

    /// <summary>Every drbdadm call the node made, its arguments one line each.</summary>
    public IReadOnlyList<string> Calls(LabNode node)
    {
        var path = Path.Combine(shared, node.Name, "calls");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    /// <summary>
    /// A change of several files made as one: drbdsetup-pair reads a view, and drbdadm-pair changes one, under
    /// flock(1) on the shared "lock" file, so no view shows half a split brain (one side StandAlone, the other
    /// already Connecting) that real DRBD would not show and a plan could be made from.
    /// </summary>
    private void Locked(Action change)
    {
        using var lockFile = new FileStream(Path.Combine(shared, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        var fd = (int)lockFile.SafeFileHandle.DangerousGetHandle();
        if (Libc.Flock(fd, Libc.LockExclusive) != 0)
            throw new IOException($"flock {lockFile.Name}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        try
        {
            change();
        }
        finally
        {
            Libc.Flock(fd, Libc.LockUnlock);
        }
    }

    private string Get(string name) => File.ReadAllText(Path.Combine(shared, name)).Trim();

    // Written beside and renamed, so the simulated commands never read half a file.
    private void Put(string name, string value)
    {
        var path = Path.Combine(shared, name);
        File.WriteAllText(path + ".new", value + "\n");
        File.Move(path + ".new", path, overwrite: true);
    }
}
