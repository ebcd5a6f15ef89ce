using System.Globalization;
using Failover.Carp;
using Failover.Monitors.Drbd;
using Failover.Rules.Facts;

namespace Failover.Rules.Engine;

/// <summary>
/// What holds whatever the rules say: never become MASTER on data that is not UpToDate locally or is split brained
/// (UcManager started ucarp only on UpToDate DRBD), never keep VIPs the vip-up chain failed to bring up, and after a
/// link loss never reclaim the VIPs before the resources are in sync again (the isolated primary that took its
/// role back mid-resync, which the seed fixed with ifplugd).
/// </summary>
internal static class SafetyChecks
{
    public static IReadOnlyList<SafetyVerdict> Run(GroupFacts facts)
    {
        var verdicts = new List<SafetyVerdict>();
        foreach (var (name, drbd) in facts.Drbd)
        {
            verdicts.Add(new SafetyVerdict($"{name} UpToDate locally", drbd.IsLocalUpToDate,
                $"{name} disk is {drbd.LocalDisk} ({Connection(drbd)})", VetoKind.ForbidsBecoming));
            verdicts.Add(new SafetyVerdict($"{name} free of split brain", !drbd.SplitBrain,
                drbd.SplitBrain ? $"{name}: split brain flagged ({drbd.ConnectionState})" : $"{name}: no split brain", VetoKind.ForbidsBecoming));
        }
        // Details carry no clock time, so a verdict reads the same until the facts change (logs compare them).
        var failed = facts.VipUpFailedAt is not null;
        verdicts.Add(new SafetyVerdict("vip-up chain", !failed || facts.State != CarpState.Master,
            !failed ? "the vip-up chain has not failed"
                : facts.State == CarpState.Master ? "the vip-up chain failed: keep no VIPs" : "the vip-up chain failed; not MASTER, so no VIPs kept",
            VetoKind.Demotes));
        verdicts.Add(new SafetyVerdict("in sync since the last link loss", !facts.LinkLostUnsynced,
            facts.LinkLostUnsynced ? "the link was lost and the resources have not been in sync since" : "no link loss waiting for a resync",
            VetoKind.ForbidsBecoming));
        return verdicts;
    }

    private static string Connection(DrbdResourceState drbd) => drbd.SyncPercent is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{drbd.ConnectionState} {p:0.#}%")
        : drbd.ConnectionState;
}
