namespace Failover.Control;

/// <param name="Peer">The other node of the pair; null: no peer configured.</param>
/// <param name="Mail">The alert mail spool; null: no mail configured.</param>
/// <param name="Standby">Node standby (failoverctl standby on): this node refuses MASTER for every group; null: off.</param>
/// <param name="Maintenance">Node maintenance (failoverctl maintenance on): failoverd takes no action; null: off.</param>
public sealed record StatusReport(string Node, string Version, DateTimeOffset Started, IReadOnlyList<GroupReport> Groups,
    PeerReport? Peer = null, MailReport? Mail = null, ModeReport? Standby = null, ModeReport? Maintenance = null);

/// <param name="Maintenance">The group is frozen, by node maintenance or its own (failoverctl maintenance on GROUP); null: not.</param>
/// <param name="PreferenceSet">Who released or took the group over, and when; null while Preference is "none".</param>
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
    IReadOnlyList<ProbeReport> Probes,
    string? Ineligible = null,
    HoldReport? Hold = null,
    ChainReport? LastChain = null,
    RulesReport? Rules = null,
    SyncReport? Sync = null,
    ModeReport? Maintenance = null,
    ModeReport? PreferenceSet = null,
    IReadOnlyList<DrbdReport>? Drbd = null);

/// <summary>The rules' last verdict on this node being MASTER (see failoverctl explain for the why).</summary>
/// <param name="Vetoes">Every reason against: rules, safety checks, hold-down.</param>
/// <param name="HoldDownUntil">The rules' hold-down in force, set by <paramref name="HoldDownRule"/>.</param>
/// <param name="Firing">The rules that fire now.</param>
public sealed record RulesReport(
    bool MayBecomeMaster,
    bool MayStayMaster,
    IReadOnlyList<VetoReport> Vetoes,
    DateTimeOffset? HoldDownUntil,
    string? HoldDownRule,
    IReadOnlyList<string> Firing);

/// <summary>Why this node may not be master until <paramref name="Until"/>: its on_master chain failed.</summary>
public sealed record HoldReport(string Reason, DateTimeOffset Until);

/// <summary>The last on_master / on_backup chain: its outcome (succeeded, partly_failed, rolled_back, cut) and each step.</summary>
public sealed record ChainReport(
    string Chain,
    string Outcome,
    string Summary,
    string Reason,
    DateTimeOffset Started,
    double DurationMs,
    IReadOnlyList<StepReport> Steps,
    IReadOnlyList<StepReport> Undone);

/// <summary>One step of a chain (status ok, failed, timed_out or skipped), or one undo of a rolled-back on_master.</summary>
public sealed record StepReport(int Number, string Step, string Status, double DurationMs, string Detail, string? Output);

/// <summary>A probe's settled health (UP, DOWN, UNKNOWN), its last result and since when it holds.</summary>
/// <param name="MeasuredBy">The peer that ran this probe of this node (its <c>for: peer</c> monitor); null: this node ran it.</param>
/// <param name="About">The peer this node's <c>for: peer</c> monitor measures; null: it is about this node.</param>
public sealed record ProbeReport(
    string Group,
    string Name,
    string Kind,
    string Health,
    string? Reason,
    double? LatencyMs,
    DateTimeOffset? Since,
    int Successes,
    int Failures,
    string? MeasuredBy = null,
    string? About = null);

public sealed record TransitionReport(string From, string To, string Reason, DateTimeOffset At);

public sealed record AdvertReport(long Sent, long Received, long SendErrors, IReadOnlyDictionary<string, long> Rejected);
