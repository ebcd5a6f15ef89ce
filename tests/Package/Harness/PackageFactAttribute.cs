namespace Failover.Package.Tests.Harness;

/// <summary>A test that installs the package with dpkg: it needs root and a Debian machine, and is skipped elsewhere.</summary>
public sealed class PackageFactAttribute : FactAttribute
{
    public PackageFactAttribute()
    {
        if (Libc.GetEffectiveUserId() != 0)
            Skip = "package tests need root (dpkg -i)";
        else if (!File.Exists("/usr/bin/dpkg") || !File.Exists("/usr/bin/dpkg-deb"))
            Skip = "package tests need dpkg and dpkg-deb (a Debian machine)";
    }
}
