using Failover.Package.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Package.Tests;

/// <summary>dpkg -r keeps only the configuration (and failoverd's state); dpkg -P takes those too.</summary>
[Collection(PackageCollection.Name)]
public sealed class RemoveTests(BuiltPackages packages, ITestOutputHelper output)
{
    [PackageFact]
    public void Remove_leaves_only_the_conffile_and_purge_removes_it_and_the_state()
    {
        using var trial = new PackageTrial();
        var shipped = PackageTrial.PathsOf(packages.First);
        var before = shipped.Where(HostPath.Exists).ToHashSet();
        Assert.Contains("/usr/bin/failoverd", shipped);
        Dpkg.Install(packages.First);
        // What failoverd would have left in state_dir (its mail spool, say).
        var state = Path.Combine(PackageTrial.StateDirectory, "spool", "marker");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        File.WriteAllText(state, "left by failoverd\n");
        Assert.Equal(shipped.Count - before.Count, HostPath.Added(shipped, before).Count);

        output.WriteLine(Dpkg.Remove().StdOut);

        Assert.Equal("rc", Dpkg.Status());
        Assert.Equal([PackageTrial.ConfigDirectory, PackageTrial.Conffile], HostPath.Added(shipped, before));
        Assert.False(HostCommand.Run("/usr/bin/dpkg", ["-S", "/usr/bin/failoverd"]).Succeeded, "dpkg still lists /usr/bin/failoverd");
        Assert.True(File.Exists(state), "remove deleted failoverd's state: only purge may");

        output.WriteLine(Dpkg.Purge().StdOut);

        Assert.Null(Dpkg.Status());
        Assert.Empty(HostPath.Added(shipped, before));
        Assert.False(Directory.Exists(PackageTrial.StateDirectory), "purge left failoverd's state");
        // Kept on purge by design (see postrm); the trial deletes it since the test created it.
        Assert.True(PackageTrial.GroupExists(), "purge deleted the system group failover");
    }
}
