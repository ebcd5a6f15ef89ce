using Failover.Monitors.Health;

namespace Failover.Rules.Facts;

/// <summary>One probe as the rules see it: its settled health and the reason of its last result.</summary>
/// <param name="Kind">dns, dhcp, samba…, for explain output.</param>
/// <param name="Reason">The last result's reason; null before the first result.</param>
/// <param name="Since">When <paramref name="Health"/> was settled; null: it has not changed since start.</param>
/// <param name="MeasuredBy">The node that ran the probe when it is not the node the probe is about (a <c>for: peer</c>
/// monitor's result as its subject sees it); null: the node itself.</param>
public sealed record ProbeFact(string Kind, ServiceHealth Health, string? Reason = null, DateTimeOffset? Since = null, string? MeasuredBy = null);
