namespace Failover.Control;

/// <summary>
/// `failoverctl explain`: one group's facts, each rule and why it fires or not, the safety checks, and the verdict
/// on being MASTER. Text throughout, so scripts and the table read it the same way.
/// </summary>
/// <param name="Facts">Named as conditions name them (state, probe.bind, drbd.r0…).</param>
/// <param name="Vetoes">Every reason against being MASTER.</param>
/// <param name="Decisions">The actions handed out at this evaluation.</param>
/// <param name="NextChange">When, facts unchanged, the verdict may change.</param>
public sealed record ExplainReport(
    string Group,
    DateTimeOffset At,
    IReadOnlyList<FactReport> Facts,
    IReadOnlyList<RuleReport> Rules,
    IReadOnlyList<SafetyReport> Safety,
    bool MayBecomeMaster,
    bool MayStayMaster,
    IReadOnlyList<VetoReport> Vetoes,
    DateTimeOffset? HoldDownUntil,
    IReadOnlyList<string> Decisions,
    DateTimeOffset? NextChange);

/// <param name="Detail">More about the value: a probe's reason, since when.</param>
public sealed record FactReport(string Name, string Value, string? Detail = null);

/// <param name="Status">idle, unknown, pending or firing.</param>
/// <param name="Seen">Each comparison of the condition and the fact value it saw.</param>
/// <param name="Then">The rule's decisions as written.</param>
/// <param name="FiredNow">It fired at this evaluation (and handed out its actions).</param>
/// <param name="LastFiredAt">When it last fired, as the daemon remembers it (since it started); null: never.</param>
public sealed record RuleReport(
    string Name,
    string When,
    string? For,
    string? Repeat,
    IReadOnlyList<string> Then,
    string Status,
    DateTimeOffset? PendingUntil,
    bool FiredNow,
    IReadOnlyList<ConditionReport> Seen,
    DateTimeOffset? LastFiredAt = null);

/// <param name="Value">true, false or unknown.</param>
/// <param name="Shown">The fact as the comparison saw it: "bind is UP: answer 192.0.2.80 in 1 ms".</param>
public sealed record ConditionReport(string Text, string Value, string Shown);

/// <param name="Blocks">What a failed check prevents: becoming (master) or staying (master).</param>
public sealed record SafetyReport(string Check, bool Passed, string Detail, string Blocks);

/// <param name="Kind">forbids-becoming or demotes.</param>
/// <param name="Source">"rule NAME", "safety" or "hold-down".</param>
public sealed record VetoReport(string Kind, string Source, string Reason);
