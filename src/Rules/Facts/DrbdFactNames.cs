using System.Collections.Immutable;
using System.Globalization;
using Failover.Monitors.Drbd;

namespace Failover.Rules.Facts;

/// <summary>
/// How rules name DRBD devices (<c>drbd.NAME.disk</c>): a 9.x resource by its name (<c>r0</c>, and <c>r0/1</c> for
/// its volume 1), a device known by minor only (/proc/drbd) as <c>minorN</c>. Names contain no dot, so they sit in
/// a dotted fact name.
/// </summary>
public static class DrbdFactNames
{
    /// <summary>The names a drbd monitor's resources give, in its order (volumes beyond 0 are known only at run time).</summary>
    public static IReadOnlyList<string> Of(DrbdProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Resources.Select(r => Of(r, options.Source)).ToList();
    }

    /// <summary>The name of one <see cref="DrbdProbeOptions.Resources"/> entry.</summary>
    public static string Of(string entry, DrbdSource source)
    {
        var text = entry.Trim();
        if (text.StartsWith("minor:", StringComparison.Ordinal))
            return "minor" + text["minor:".Length..];
        return source == DrbdSource.ProcDrbd ? "minor" + text : text;
    }

    /// <summary>The name of a device DRBD reported.</summary>
    public static string Of(DrbdResourceState state) => state.Name is { } name
        ? state.Volume is > 0 and var volume ? $"{name}/{volume.ToString(CultureInfo.InvariantCulture)}" : name
        : "minor" + state.Minor?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The facts' DRBD map for the configured names: each reported device that a name covers (a minor, or every
    /// volume of a resource), and an unknown state (disks DUnknown) for a name DRBD did not report, so that the
    /// safety checks see it as not UpToDate rather than not at all.
    /// </summary>
    public static ImmutableSortedDictionary<string, DrbdResourceState> Collect(
        IEnumerable<string> configured, IEnumerable<DrbdResourceState> reported)
    {
        var states = reported.ToList();
        var map = ImmutableSortedDictionary.CreateBuilder<string, DrbdResourceState>(StringComparer.Ordinal);
        foreach (var name in configured.Distinct())
        {
            var covered = states.Where(s => Covers(name, s)).ToList();
            foreach (var state in covered)
                map[IsMinor(name) ? name : Of(state)] = state;
            if (covered.Count == 0)
                map[name] = Unreported(name);
        }
        return map.ToImmutable();
    }

    private static DrbdResourceState Unreported(string name) =>
        MinorOf(name) is { } minor ? new DrbdResourceState { Minor = minor } : new DrbdResourceState { Name = name };

    // A minor names one device whatever its resource; a resource name covers its volumes.
    private static bool Covers(string name, DrbdResourceState state) =>
        MinorOf(name) is { } minor ? state.Minor == minor : state.Name == name;

    private static bool IsMinor(string name) => MinorOf(name) is not null;

    private static int? MinorOf(string name) =>
        name.StartsWith("minor", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan("minor".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? minor
            : null;
}
