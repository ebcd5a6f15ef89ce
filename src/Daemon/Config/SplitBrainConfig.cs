using Failover.Actions.SplitBrain;

namespace Failover.Daemon.Config;

/// <summary>A group's <c>split_brain:</c> section: the policy, the drbdadm syntax, and the DRBD fact of each resource.</summary>
/// <param name="Syntax">From <c>drbd_version</c>, else from the group's drbd monitor (events2: 9, /proc/drbd: 8.4).</param>
/// <param name="Facts">drbdadm resource name to the fact name the drbd monitor reports it under (r0, or minor0 for /proc/drbd).</param>
public sealed record SplitBrainConfig(SplitBrainPolicy Policy, DrbdSyntax Syntax, IReadOnlyDictionary<string, string> Facts);
