using Failover.Rules.Decisions;
using Failover.Rules.Language;

namespace Failover.Rules.Engine;

/// <summary>One entry of a group's <c>rules:</c>: when <see cref="When"/> has held for <see cref="For"/>, the rule
/// fires and <see cref="Then"/> applies.</summary>
/// <param name="Name">Unique in the group; explain output and the engine's memory go by it.</param>
public sealed record Rule(string Name, Condition When, IReadOnlyList<Decision> Then)
{
    /// <summary>How long the condition must hold before the rule fires; zero: at once.</summary>
    public TimeSpan For { get; init; }

    /// <summary>While the rule keeps firing, hand its actions (and hold-down) out again this often; null: once per firing.</summary>
    public TimeSpan? Repeat { get; init; }
}
