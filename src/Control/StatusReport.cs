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
    AdvertReport Adverts);

public sealed record TransitionReport(string From, string To, string Reason, DateTimeOffset At);

public sealed record AdvertReport(long Sent, long Received, long SendErrors, IReadOnlyDictionary<string, long> Rejected);
