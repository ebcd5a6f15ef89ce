namespace Failover.Control;

public sealed record StatusReport(string Node, string Version, DateTimeOffset Started, IReadOnlyList<GroupReport> Groups);

public sealed record GroupReport(
    string Name,
    int Vhid,
    string Interface,
    string Source,
    IReadOnlyList<string> Vips,
    string State,
    string Link,
    string? Master,
    TransitionReport? LastTransition,
    string Preference,
    AdvertReport Adverts,
    IReadOnlyList<ProbeReport> Probes);

/// <summary>A probe's settled health (UP, DOWN, UNKNOWN), its last result and since when it holds.</summary>
public sealed record ProbeReport(
    string Group,
    string Name,
    string Kind,
    string Health,
    string? Reason,
    double? LatencyMs,
    DateTimeOffset? Since,
    int Successes,
    int Failures);

public sealed record TransitionReport(string From, string To, string Reason, DateTimeOffset At);

public sealed record AdvertReport(long Sent, long Received, long SendErrors, IReadOnlyDictionary<string, long> Rejected);
