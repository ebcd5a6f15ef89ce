namespace Failover.Carp.StateMachine;

/// <summary>
/// The outputs of one state machine call, in the order the daemon must execute them.
/// <c>default(CarpDecision)</c> is the same as <see cref="None"/>.
/// </summary>
public readonly record struct CarpDecision(IReadOnlyList<CarpOutput> Outputs)
{
    private readonly IReadOnlyList<CarpOutput>? _outputs = Outputs;

    public static CarpDecision None => default;

    public IReadOnlyList<CarpOutput> Outputs
    {
        get => _outputs ?? [];
        init => _outputs = value;
    }

    public bool IsEmpty => Outputs.Count == 0;

    public override string ToString() => $"[{string.Join(", ", Outputs)}]";
}
