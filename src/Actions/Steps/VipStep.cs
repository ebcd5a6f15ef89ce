using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary>
/// All the group's VIPs: added, with the gratuitous ARP rounds started (on_master), or removed
/// (on_backup). Written <c>- vip</c>; a chain that names none gets one as its first step.
/// </summary>
public sealed record VipStep(bool Up) : ChainStep(DefaultTimeout)
{
    /// <summary>Addresses change over netlink in microseconds; the timeout only bounds a wedged kernel call.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);

    public override string Describe() => Up ? "vip add" : "vip remove";

    public override ChainStep? Undo() => Up ? new VipStep(false) : null;
}
