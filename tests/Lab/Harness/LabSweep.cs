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

    /// <summary>The two letters that start this run's namespace names: <c>fl</c>, or $FAILOVER_LAB_PREFIX (two lowercase
    /// letters) when several people share a machine and each must keep to names of their own.</summary>
    public static string OwnPrefix { get; } =
        Environment.GetEnvironmentVariable("FAILOVER_LAB_PREFIX") is { Length: 2 } own && own.All(char.IsAsciiLetterLower) ? own : "fl";

    /// <summary>The prefix of a namespace this harness names (<c>fl</c> or <see cref="OwnPrefix"/>, + 6 hex digits), or null.</summary>
    public static string? PrefixOf(string namespaceName)
    {
        var match = HarnessName().Match(namespaceName);
        return match.Success && (match.Groups["prefix"].Value.StartsWith("fl", StringComparison.Ordinal)
            || match.Groups["prefix"].Value.StartsWith(OwnPrefix, StringComparison.Ordinal)) ? match.Groups["prefix"].Value : null;
    }

    public static IReadOnlyList<string> Stale(
        IEnumerable<(string Name, DateTimeOffset Created)> namespaces, Func<string, bool> ownerAlive, DateTimeOffset now) =>
        namespaces
            .Where(ns => PrefixOf(ns.Name) is { } prefix && !ownerAlive(prefix) && now - ns.Created >= MinimumAge)
            .Select(ns => ns.Name)
            .ToArray();

    [GeneratedRegex("^(?<prefix>[a-z]{2}[0-9a-f]{6})-")]
    private static partial Regex HarnessName();
}
