using Failover.Actions.Chains;

namespace Failover.Actions.Tests.Support;

/// <summary>A step that only has a name; <see cref="FakeSteps"/> decides what running it does.</summary>
internal sealed record FakeStep(string Name, ChainStep? UndoStep = null, TimeSpan? Limit = null) : ChainStep(Limit ?? TimeSpan.FromSeconds(10))
{
    public override string Describe() => Name;

    public override ChainStep? Undo() => UndoStep;

    /// <summary>A step undone by a step named "undo NAME".</summary>
    public static FakeStep Undoable(string name) => new(name, new FakeStep($"undo {name}"));
}
