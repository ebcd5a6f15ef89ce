using Failover.Package.Tests.Harness;
using Xunit.Abstractions;

namespace Failover.Package.Tests;

/// <summary>Installing a newer package over an older one keeps what the admin made: the config and the state.</summary>
[Collection(PackageCollection.Name)]
public sealed class UpgradeTests(BuiltPackages packages, ITestOutputHelper output)
{
    [PackageFact]
    public void Upgrade_keeps_the_edited_conffile_and_the_state()
    {
        using var trial = new PackageTrial();
        Dpkg.Install(packages.First);
        var edited = File.ReadAllText(PackageTrial.Conffile).Replace("- name: example ", "- name: edited-by-admin ");
        Assert.Contains("edited-by-admin", edited);
        File.WriteAllText(PackageTrial.Conffile, edited);
        var state = Path.Combine(PackageTrial.StateDirectory, "marker");
        Directory.CreateDirectory(PackageTrial.StateDirectory);
        File.WriteAllText(state, "left by failoverd\n");

        var upgrade = Dpkg.Install(packages.Second, "--force-confold");
        output.WriteLine(upgrade.StdOut);

        Assert.Equal(BuiltPackages.SecondVersion, Dpkg.Version());
        Assert.Equal("ii", Dpkg.Status());
        Assert.Contains($"Unpacking failover ({BuiltPackages.SecondVersion}) over ({BuiltPackages.FirstVersion})", upgrade.StdOut);
        Assert.Equal(edited, File.ReadAllText(PackageTrial.Conffile));
        Assert.True(File.Exists(state), "the upgrade deleted failoverd's state");
        var check = HostCommand.Run("/usr/bin/failoverd", ["--check-config", PackageTrial.Conffile]);
        Assert.True(check.ExitCode == 0, check.ToString());
    }
}
