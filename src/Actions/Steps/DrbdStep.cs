using Failover.Actions.Chains;

namespace Failover.Actions.Steps;

/// <summary>
/// <c>drbdadm primary|secondary RESOURCE</c>; both are no-ops in the role already held. Promotion is
/// retried every 200 ms until the timeout: at a handover the old primary may still be demoting.
/// <c>--force</c> is deliberately not offered: forcing a stale disk primary is an admin's decision.
/// </summary>
/// <param name="Command">drbdadm's path; tests point it at a simulated drbdadm.</param>
public sealed record DrbdStep(string Resource, DrbdTargetRole Role, string Command, TimeSpan Timeout) : ChainStep(Timeout)
{
    public const string DefaultCommand = "/sbin/drbdadm";

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    public string Verb => Role == DrbdTargetRole.Primary ? "primary" : "secondary";

    public override string Describe() => $"drbd {Resource} {Verb}";

    public override ChainStep? Undo() =>
        Role == DrbdTargetRole.Primary ? this with { Role = DrbdTargetRole.Secondary } : null;
}
