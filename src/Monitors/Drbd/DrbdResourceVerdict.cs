using System.Globalization;

namespace Failover.Monitors.Drbd;

/// <summary>
/// Whether one replicated device is safe to rely on, with the reason an admin reads. Healthy only when Connected
/// (online verify included), the local disk UpToDate and no split brain: a resync in either direction is not safe
/// yet (a SyncTarget's data is Inconsistent; a SyncSource's peer could not take over), so the rules must see it down.
/// </summary>
/// <remarks>The peer's disk is reported but not required: this node's own data is what this probe vouches for.</remarks>
public sealed record DrbdResourceVerdict(bool Healthy, string Reason)
{
    /// <param name="label">How the reason names the device: "r0", "r0/1", "minor 0".</param>
    /// <param name="state">Its state; null when DRBD does not list it.</param>
    public static DrbdResourceVerdict Of(string label, DrbdResourceState? state)
    {
        if (state is null) return Down($"{label}: not configured");
        if (state.SplitBrain) return Down($"{label}: split brain");
        var summary = $"{label}: {state.ConnectionState} {state.LocalRole}/{state.PeerRole} {state.LocalDisk}/{state.PeerDisk}";
        return state.Connection switch
        {
            DrbdConnectionKind.Unconfigured => Down($"{label}: not configured"),
            DrbdConnectionKind.Syncing => Down($"{label}: {state.ConnectionState}{Percent(state)} ({Disks(state)})"),
            _ when state.IsStandAlone => Down($"{label}: StandAlone (peer unreachable or split brain)"),
            DrbdConnectionKind.Connected when state.IsLocalUpToDate => new(true, summary),
            DrbdConnectionKind.Connected => Down($"{summary} (local disk {state.LocalDisk})"),
            _ => Down($"{summary} (not connected)"),
        };
    }

    private static DrbdResourceVerdict Down(string reason) => new(false, reason);

    private static string Percent(DrbdResourceState state) =>
        state.SyncPercent is { } p ? string.Create(CultureInfo.InvariantCulture, $" {p:0.#}%") : "";

    // The disk that makes the resync unsafe: ours while we are the target, the peer's while we are the source.
    private static string Disks(DrbdResourceState state) =>
        state.IsLocalUpToDate ? $"peer disk {state.PeerDisk}" : $"disk {state.LocalDisk}";
}
