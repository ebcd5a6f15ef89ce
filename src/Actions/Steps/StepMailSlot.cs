using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary>An <see cref="IStepMail"/> attached after the chain runner is built (the alerts need the group
/// that owns the runner); until then, and without mail, a mail step is logged only and succeeds.</summary>
public sealed class StepMailSlot : IStepMail
{
    private IStepMail? _target;

    public IStepMail? Target
    {
        get => Volatile.Read(ref _target);
        set => Volatile.Write(ref _target, value);
    }

    public StepOutcome Post(MailStep step) => Target?.Post(step) ?? StepOutcome.Ok("not mailed: no alert outbox attached");
}
