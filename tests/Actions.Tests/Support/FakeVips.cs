using Failover.Actions.Chains;
using Failover.Actions.Steps;

namespace Failover.Actions.Tests.Support;

internal sealed class FakeVips : IGroupVips
{
    public List<string> Calls { get; } = [];

    public StepOutcome Add()
    {
        Calls.Add("add");
        return StepOutcome.Ok("added 192.0.2.100/24");
    }

    public StepOutcome Remove()
    {
        Calls.Add("remove");
        return StepOutcome.Ok("removed 192.0.2.100/24");
    }
}
