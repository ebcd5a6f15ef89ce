using System.Text.RegularExpressions;

namespace Failover.Lab.Tests.Harness;

/// <summary>
/// Which namespaces a crashed earlier run of this harness left behind. Each lab records its owner's
/// process id before it makes a namespace, so a namespace whose owner is gone is stale, whatever its age.
/// </summary>
public static partial class LabSweep
{
    /// <summary>Where labs record their owner process: <c>{prefix}.pid</c>.</summary>
    public const string OwnerDirectory = "/run/failover-lab";

    /// <summary>Namespaces younger than this are left alone, in case their owner file is being written.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    /// <summary>The prefix of a namespace this harness names (<c>fl</c> + 6 hex digits), or null.</summary>
    public static string? PrefixOf(string namespaceName)
    {
        var match = HarnessName().Match(namespaceName);
        return match.Success ? match.Groups["prefix"].Value : null;
    }

    public static IReadOnlyList<string> Stale(
        IEnumerable<(string Name, DateTimeOffset Created)> namespaces, Func<string, bool> ownerAlive, DateTimeOffset now) =>
        namespaces
            .Where(ns => PrefixOf(ns.Name) is { } prefix && !ownerAlive(prefix) && now - ns.Created >= MinimumAge)
            .Select(ns => ns.Name)
            .ToArray();

    [GeneratedRegex("^(?<prefix>fl[0-9a-f]{6})-")]
    private static partial Regex HarnessName();
}
