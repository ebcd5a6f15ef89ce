using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary>Where a <see cref="MailStep"/> posts its alert (failoverd's outbox). Never throws.</summary>
public interface IStepMail
{
    StepOutcome Post(MailStep step);
}
