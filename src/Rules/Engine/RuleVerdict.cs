using Failover.Rules.Decisions;
using Failover.Rules.Language;

namespace Failover.Rules.Engine;

/// <summary>One rule at one evaluation, and why.</summary>
/// <param name="Seen">Every comparison of the condition, in text order, with the value of the fact it looked at.</param>
/// <param name="PendingUntil">For <see cref="RuleStatus.Pending"/>: when it fires if the condition keeps holding.</param>
/// <param name="FiredNow">The rule fired at this evaluation (started firing, or repeated).</param>
/// <param name="Handed">The decisions it handed out at this evaluation (actions and hold-down).</param>
public sealed record RuleVerdict(
    Rule Rule,
    RuleStatus Status,
    Truth Condition,
    IReadOnlyList<ConditionExplanation> Seen,
    DateTimeOffset? PendingUntil,
    bool FiredNow,
    IReadOnlyList<Decision> Handed);
