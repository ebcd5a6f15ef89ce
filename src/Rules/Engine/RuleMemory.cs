using System.Collections.Immutable;

namespace Failover.Rules.Engine;

/// <summary>
/// What one evaluation leaves for the next, so the engine stays a pure function: the caller passes the last
/// <see cref="Evaluation.Memory"/> back in. Holds when each holding rule started to hold and last fired (for
/// <c>for:</c>, firing once, <c>repeat:</c>) and the hold-down.
/// </summary>
public sealed record RuleMemory
{
    public static RuleMemory Empty { get; } = new();

    /// <summary>By rule name; only rules whose condition held at the last evaluation.</summary>
    public ImmutableSortedDictionary<string, RuleTrack> Rules { get; init; } = ImmutableSortedDictionary.Create<string, RuleTrack>(StringComparer.Ordinal);

    /// <summary>No becoming MASTER before this; null: no hold-down.</summary>
    public DateTimeOffset? HoldDownUntil { get; init; }

    /// <summary>The rule that set <see cref="HoldDownUntil"/> (the last one to extend it).</summary>
    public string? HoldDownRule { get; init; }

    /// <summary>The same memory without its hold-down, for an admin who lifts it.</summary>
    public RuleMemory WithoutHoldDown() => this with { HoldDownUntil = null, HoldDownRule = null };
}
