using System.Globalization;

namespace Failover.Actions.SplitBrain;

/// <summary>
/// Decides, without running anything, whether and how a split brain of one resource is recovered: which node's
/// data is discarded (the victim), why, and the exact commands per node in DRBD's documented order
/// (REFERENCE §3). Nothing is planned when the peer is unreachable (the victim's side could not be told), when
/// no split brain is reported (StandAlone alone is also an admin's <c>drbdadm disconnect</c>), or when the
/// policy cannot tell the victim (manual without an admin's choice, last_primary with no clear answer), nor while
/// a side still shows the connection DRBD is about to drop (the plan waits for the states it acts on).
/// </summary>
public static class SplitBrainPlanner
{
    /// <param name="discard">An admin's choice of victim (failoverctl splitbrain resolve --discard NODE); it
    /// overrides the policy, under any policy.</param>
    public static SplitBrainVerdict Plan(SplitBrainPolicy policy, SplitBrainSituation situation, string? discard = null)
    {
        var resource = situation.Resource;
        if (!policy.Resources.Contains(resource))
            return SplitBrainVerdict.Nothing($"{resource} is not listed in split_brain: resources ({string.Join(", ", policy.Resources)})");
        if (situation.Peer is not { } peer)
            return SplitBrainVerdict.Nothing($"the peer {situation.PeerNode} is unreachable (peer channel down): nothing runs while its side cannot be seen and told");
        var local = situation.Local;
        if (!local.Reported && !peer.Reported)
            return SplitBrainVerdict.Nothing(local.IsStandAlone || peer.IsStandAlone
                ? $"{resource} is StandAlone but DRBD reported no split brain (a 'drbdadm disconnect' looks the same): reconnect with drbdadm connect {resource}"
                : $"no split brain on {resource}");
        if (new[] { local, peer }.FirstOrDefault(s => s.IsStillConnected) is { } connected)
            return SplitBrainVerdict.Nothing($"waiting for DRBD to drop the connection after the split brain ({connected.Node} is still {connected.ConnectionState})");

        if (discard is not null)
        {
            if (discard != local.Node && discard != peer.Node)
                return SplitBrainVerdict.Nothing($"--discard {discard}: not a node of this pair ({local.Node}, {peer.Node})");
            return Planned(policy, situation, discard, $"an admin chose to discard {discard}'s data");
        }

        switch (policy.Kind)
        {
            case SplitBrainPolicyKind.Survivor when policy.Survivor == local.Node || policy.Survivor == peer.Node:
                var victim = policy.Survivor == local.Node ? peer.Node : local.Node;
                return Planned(policy, situation, victim, $"{policy.Survivor} is the configured survivor");
            case SplitBrainPolicyKind.Survivor:
                return SplitBrainVerdict.Nothing($"the configured survivor {policy.Survivor} is neither {local.Node} nor {peer.Node}");
            case SplitBrainPolicyKind.LastPrimary:
                return LastPrimary(local, peer) is ({ } survivor, var why)
                    ? Planned(policy, situation, survivor == local.Node ? peer.Node : local.Node, why)
                    : SplitBrainVerdict.Nothing($"last_primary cannot tell: {LastPrimary(local, peer).Why}; resolve by hand");
            default:
                return SplitBrainVerdict.Nothing($"policy manual: nothing runs by itself; run failoverctl splitbrain resolve GROUP --discard NODE");
        }
    }

    /// <summary>The node whose data survives under last_primary, and why; null with the reason when unclear.</summary>
    private static (string? Survivor, string Why) LastPrimary(SplitBrainSide local, SplitBrainSide peer)
    {
        if (local.Primary && peer.Primary)
            return (null, $"both {local.Node} and {peer.Node} are Primary now");
        if (local.Primary != peer.Primary)
        {
            var (now, other) = local.Primary ? (local, peer) : (peer, local);
            return (now.Node, $"{now.Node} is Primary now and {other.Node} is not");
        }
        if (local.LastPrimary is not { } mine || peer.LastPrimary is not { } theirs)
        {
            var unknown = string.Join(" and ", new[] { local, peer }.Where(s => s.LastPrimary is null).Select(s => s.Node));
            return (null, $"{unknown} never recorded as Primary");
        }
        if (mine == theirs)
            return (null, $"both were last Primary at {Time(mine)}");
        var (last, before) = mine > theirs ? (local, peer) : (peer, local);
        return (last.Node, $"{last.Node} was Primary last (at {Time(last.LastPrimary!.Value)}; {before.Node} at {Time(before.LastPrimary!.Value)})");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static SplitBrainVerdict Planned(SplitBrainPolicy policy, SplitBrainSituation situation, string victim, string reason)
    {
        var (victimSide, survivorSide) = victim == situation.Local.Node ? (situation.Local, situation.Peer!) : (situation.Peer!, situation.Local);
        var r = situation.Resource;
        var t = policy.CommandTimeout;
        SplitBrainCommand On(string node, params string[] argv) => new(node, argv, t);
        var onVictim = new List<SplitBrainCommand>();
        var afterResync = new List<SplitBrainCommand>();
        if (victimSide.Master && situation.Group.Length > 0)
        {
            // The VIPs move to the survivor first (as soon as it may be MASTER), not after the victim's services
            // stopped under them; the release is cleared once the victim's disk is good again.
            string[] ctl = policy.ControlSocket is { } socket ? [policy.Failoverctl, "--socket", socket] : [policy.Failoverctl];
            onVictim.Add(On(victim, [.. ctl, "release", situation.Group]));
            afterResync.Add(On(victim, [.. ctl, "clear", situation.Group]));
        }
        onVictim.AddRange(policy.StopServices.Select(unit => On(victim, policy.Systemctl, "stop", unit)));
        onVictim.AddRange(policy.Unmount.Select(path => On(victim, policy.Umount, path)));
        var onSurvivor = new List<SplitBrainCommand>();
        if (situation.Syntax == DrbdSyntax.Drbd9)
        {
            onVictim.Add(On(victim, policy.Drbdadm, "disconnect", r));
            onVictim.Add(On(victim, policy.Drbdadm, "secondary", r));
            onVictim.Add(On(victim, policy.Drbdadm, "connect", "--discard-my-data", r));
            onSurvivor.Add(On(survivorSide.Node, policy.Drbdadm, "disconnect", r));
            onSurvivor.Add(On(survivorSide.Node, policy.Drbdadm, "connect", r));
        }
        else
        {
            // 8.4: disconnect only when not StandAlone already; connect the survivor only when it is StandAlone
            // (one waiting for its peer connects by itself). "--" ends drbdadm's own options (8.3 and 8.4 alike).
            if (!victimSide.IsStandAlone)
                onVictim.Add(On(victim, policy.Drbdadm, "disconnect", r));
            onVictim.Add(On(victim, policy.Drbdadm, "secondary", r));
            onVictim.Add(On(victim, policy.Drbdadm, "--", "--discard-my-data", "connect", r));
            if (survivorSide.IsStandAlone)
                onSurvivor.Add(On(survivorSide.Node, policy.Drbdadm, "connect", r));
        }
        return SplitBrainVerdict.Run(new SplitBrainPlan(r, victim, survivorSide.Node, reason, situation.Syntax, onVictim, onSurvivor)
            { AfterResync = afterResync });
    }
}
