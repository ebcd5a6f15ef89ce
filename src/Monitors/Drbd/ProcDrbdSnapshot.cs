namespace Failover.Monitors.Drbd;

/// <summary>What <see cref="ProcDrbdParser"/> understood of one read of /proc/drbd.</summary>
/// <param name="Version">The module version from "version: 8.4.3 (api:…)", or null if there was no such line.</param>
/// <param name="BuildInfo">The other header lines (GIT-hash, srcversion, built-in, 9.x Transports), trimmed.</param>
/// <param name="Resources">One state per minor listed, in file order, unconfigured minors included.</param>
/// <param name="Problems">Lines not understood; empty for a well-formed file.</param>
public sealed record ProcDrbdSnapshot(
    string? Version,
    IReadOnlyList<string> BuildInfo,
    IReadOnlyList<DrbdResourceState> Resources,
    IReadOnlyList<DrbdParseProblem> Problems)
{
    /// <summary>Major version number, or null when unknown.</summary>
    public int? MajorVersion =>
        Version is { } v && int.TryParse(v.AsSpan(0, Math.Max(0, v.IndexOf('.'))), out var major) ? major : null;

    /// <summary>DRBD 9 no longer lists resources in /proc/drbd: read <c>drbdsetup events2</c> instead.</summary>
    public bool NeedsEvents2 => MajorVersion >= 9;

    public DrbdResourceState? Minor(int minor) => Resources.FirstOrDefault(r => r.Minor == minor);
}
