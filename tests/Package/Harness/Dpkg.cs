namespace Failover.Package.Tests.Harness;

/// <summary>The dpkg calls of the tests, for the package named <see cref="Package"/>.</summary>
public static class Dpkg
{
    public const string Package = "failover";

    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(3);

    /// <summary>dpkg -i, with extra options such as --force-confold.</summary>
    public static CommandResult Install(string deb, params string[] options) => Change([.. options, "-i", deb]);

    public static CommandResult Remove() => Change(["-r", Package]);

    public static CommandResult Purge() => Change(["-P", Package]);

    /// <summary>dpkg's abbreviated status ("ii", "rc", ...), or null when dpkg does not know the package.</summary>
    public static string? Status()
    {
        var result = HostCommand.Run("/usr/bin/dpkg-query", ["-W", "-f=${db:Status-Abbrev}", Package]);
        var status = result.StdOut.Trim();
        // Purged packages can linger in the status file as "un"/"pn": unknown for our purposes.
        return !result.Succeeded || status is "" or "un" or "pn" ? null : status;
    }

    public static string Version() =>
        HostCommand.RunChecked("/usr/bin/dpkg-query", ["-W", "-f=${Version}", Package]).StdOut.Trim();

    /// <summary>dpkg -L: every path the installed package owns, directories included.</summary>
    public static IReadOnlyList<string> Files() =>
        HostCommand.RunChecked("/usr/bin/dpkg", ["-L", Package]).StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.StartsWith('/') && p != "/.")
            .ToList();

    /// <summary>The package's conffiles as dpkg recorded them.</summary>
    public static IReadOnlyList<string> Conffiles() =>
        HostCommand.RunChecked("/usr/bin/dpkg-query", ["-W", "-f=${Conffiles}", Package]).StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .ToList();

    /// <summary>Runs dpkg, waiting while another dpkg or apt holds the lock (another job on a shared machine).</summary>
    private static CommandResult Change(string[] args)
    {
        var until = DateTime.UtcNow + LockWait;
        while (true)
        {
            var result = HostCommand.Run("/usr/bin/dpkg", args, TimeSpan.FromMinutes(5));
            var locked = !result.Succeeded && result.StdErr.Contains("lock", StringComparison.OrdinalIgnoreCase)
                && result.StdErr.Contains("locked", StringComparison.OrdinalIgnoreCase);
            if (!locked || DateTime.UtcNow > until)
                return result.Succeeded ? result : throw new InvalidOperationException(result.ToString());
            Thread.Sleep(TimeSpan.FromSeconds(2));
        }
    }
}
