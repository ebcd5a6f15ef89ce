using System.Globalization;

namespace Failover.Monitors.Drbd;

/// <summary>One configured entry of <see cref="DrbdProbeOptions.Resources"/>: a minor or a 9.x resource name.</summary>
internal sealed record DrbdResourceSelector(int? Minor, string? Name)
{
    public static DrbdResourceSelector Parse(string entry, DrbdSource source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry);
        var text = entry.Trim();
        if (text.StartsWith("minor:", StringComparison.Ordinal))
            return Number(text["minor:".Length..]) is { } minor
                ? new DrbdResourceSelector(minor, null)
                : throw new ArgumentException($"not a minor number: {entry}", nameof(entry));
        if (source != DrbdSource.ProcDrbd) return new DrbdResourceSelector(null, text);
        return Number(text) is { } bare
            ? new DrbdResourceSelector(bare, null)
            : throw new ArgumentException(
                $"/proc/drbd lists minors only: use minor:N or N instead of {entry}, or the events2 source", nameof(entry));
    }

    /// <summary>How reasons name it: "r0", "minor 0".</summary>
    public string Label => Name ?? $"minor {Minor}";

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
