namespace Failover.Package.Tests.Harness;

/// <summary>
/// One test's use of the machine's dpkg: refuses to start where failover is installed or has left state (a real
/// installation must never be purged by a test), and on dispose purges the package and deletes the group
/// <c>failover</c> if the test created it, leaving the machine as it was.
/// </summary>
public sealed class PackageTrial : IDisposable
{
    public const string Conffile = "/etc/failover/failover.yaml";
    public const string ConfigDirectory = "/etc/failover";
    public const string StateDirectory = "/var/lib/failover";
    public const string Group = "failover";

    private readonly bool _groupExisted;

    public PackageTrial()
    {
        if (Dpkg.Status() is { } status)
            throw new InvalidOperationException(
                $"dpkg knows the package {Dpkg.Package} (status {status}): these tests install and purge it, so they refuse to run on a machine that has it. Remove it first (dpkg -P {Dpkg.Package}) if it is not a real installation.");
        foreach (var path in new[] { ConfigDirectory, StateDirectory })
        {
            if (Path.Exists(path))
                throw new InvalidOperationException(
                    $"{path} exists: these tests would delete it when they purge the package. Move it away if it is not a real installation.");
        }
        _groupExisted = GroupExists();
    }

    public static bool GroupExists() => HostCommand.Run("/usr/bin/getent", ["group", Group]).Succeeded;

    /// <summary>The paths a .deb would install, from its data archive (directories included, "/usr/bin/failoverd").</summary>
    public static IReadOnlyList<string> PathsOf(string deb) =>
        HostCommand.Bash($"dpkg-deb --fsys-tarfile '{deb}' | tar -t").StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.TrimStart('.').TrimEnd('/'))
            .Where(p => p.Length > 0)
            .ToList();

    public void Dispose()
    {
        if (Dpkg.Status() is not null)
            Dpkg.Purge();
        if (!_groupExisted && GroupExists())
            HostCommand.RunChecked("/usr/sbin/groupdel", [Group]);
    }
}
