namespace Failover.Rules.Engine;

/// <summary>Where a rule stands at one evaluation.</summary>
public enum RuleStatus
{
    /// <summary>The condition is false.</summary>
    Idle,

    /// <summary>The condition depends on a fact not known (Kleene Unknown): the rule does not fire.</summary>
    Unknown,

    /// <summary>The condition holds but not yet for the rule's <c>for:</c>.</summary>
    Pending,

    /// <summary>The condition holds (long enough): its decisions apply.</summary>
    Firing,
}
