using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary>The group's VIPs, as the runtime that owns them moves them for a <see cref="VipStep"/>.</summary>
public interface IGroupVips
{
    /// <summary>Adds every VIP and starts the gratuitous ARP rounds; fails, adding nothing, when the group
    /// is no longer master (a later transition won the race with this step).</summary>
    StepOutcome Add();

    /// <summary>Removes every VIP; one that is not there is not an error.</summary>
    StepOutcome Remove();
}
