using Failover.Rules.Decisions;

namespace Failover.Rules.Engine;

/// <summary>What the rules and the safety checks make of one snapshot of facts.</summary>
/// <param name="MayBecomeMaster">No veto at all: the node may take the VIPs.</param>
/// <param name="MayStayMaster">No <see cref="VetoKind.Demotes"/> veto: a MASTER keeps the VIPs.</param>
/// <param name="Vetoes">Every reason against being MASTER: rules, safety, hold-down (in that order).</param>
/// <param name="HoldDownUntil">The hold-down in force, if any.</param>
/// <param name="Decisions">The actions to carry out now (<see cref="Decision.IsAction"/>): handed out by rules that
/// fired at this evaluation, without duplicates, in a fixed order (kind, then rule order).</param>
/// <param name="Rules">Every rule, in configured order.</param>
/// <param name="Safety">Every built-in check.</param>
/// <param name="Memory">Pass it to the next evaluation.</param>
/// <param name="NextChange">When, facts unchanged, the outcome may change (a <c>for:</c> elapses, a hold-down ends,
/// a <c>repeat:</c> is due, a <c>since_…</c> comparison flips): evaluate again then. Null: only facts change it.</param>
public sealed record Evaluation(
    DateTimeOffset At,
    bool MayBecomeMaster,
    bool MayStayMaster,
    IReadOnlyList<Veto> Vetoes,
    DateTimeOffset? HoldDownUntil,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<RuleVerdict> Rules,
    IReadOnlyList<SafetyVerdict> Safety,
    RuleMemory Memory,
    DateTimeOffset? NextChange);
