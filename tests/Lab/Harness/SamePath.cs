namespace Failover.Lab.Tests.Harness;

/// <summary>
/// One path for a program that runs each lab node's own simulation of it (tests/Lab/Sim/by-netns picks by the
/// caller's network namespace), for configs that name one command for both nodes, as a recovery run over the peer
/// does with /sbin/drbdadm.
/// </summary>
public static class SamePath
{
    /// <returns>The path to put in a config.</returns>
    public static string Create(NetLab lab, string name, IReadOnlyDictionary<LabNode, string> programs)
    {
        var dir = Directory.CreateDirectory(Path.Combine(lab.WorkDirectory, "same-path")).FullName;
        var path = Path.Combine(dir, name);
        File.CreateSymbolicLink(path, Path.Combine(BuildOutput.RepositoryRoot(), "tests", "Lab", "Sim", "by-netns"));
        foreach (var (node, program) in programs)
            File.WriteAllText(Path.Combine(dir, $"{name}.{node.Namespace}"), program + "\n");
        return path;
    }
}
