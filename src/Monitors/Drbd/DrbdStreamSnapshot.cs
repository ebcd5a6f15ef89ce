namespace Failover.Monitors.Drbd;

/// <summary>One look at a <see cref="DrbdEvents2Stream"/>.</summary>
/// <param name="States">Every device, when <see cref="DrbdStreamPhase.Live"/>; empty otherwise.</param>
/// <param name="Problem">When <see cref="DrbdStreamPhase.Down"/>: what ended the last drbdsetup, for the reason.</param>
/// <param name="Age">Since the current drbdsetup was started.</param>
/// <param name="DumpSettled">Completes when the current drbdsetup ends its dump or ends.</param>
internal sealed record DrbdStreamSnapshot(
    DrbdStreamPhase Phase,
    IReadOnlyList<DrbdResourceState> States,
    string Problem,
    TimeSpan Age,
    Task DumpSettled);
