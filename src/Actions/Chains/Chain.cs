using Failover.Actions.Steps;

namespace Failover.Actions.Chains;

/// <summary>The steps one transition runs, in order, and why the transition happened.</summary>
public sealed record Chain(ChainKind Kind, IReadOnlyList<ChainStep> Steps, string Reason)
{
    /// <summary>The config key the chain comes from, as logs and status name it.</summary>
    public string Name => NameOf(Kind);

    public static string NameOf(ChainKind kind) => kind == ChainKind.VipUp ? "on_master" : "on_backup";

    /// <summary>
    /// The chain for a transition from the configured steps: when they name no vip step, one runs
    /// first, so a config written for ucarp-style hooks still moves the VIPs before anything else.
    /// </summary>
    public static Chain For(ChainKind kind, IReadOnlyList<ChainStep> configured, string reason) =>
        configured.Any(s => s is VipStep)
            ? new Chain(kind, configured, reason)
            : new Chain(kind, [new VipStep(kind == ChainKind.VipUp), .. configured], reason);
}
