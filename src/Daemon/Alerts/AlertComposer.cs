using System.Globalization;
using Failover.Actions.Chains;
using Failover.Carp;
using Failover.Daemon.Runtime;
using Failover.Mail.Message;
using Failover.Monitors.Drbd;

namespace Failover.Daemon.Alerts;

/// <summary>
/// Pure: turns what changed in a group into alerts (takeover with the on_master steps and timings, leaving
/// MASTER, failed chain steps, a probe going DOWN or UP on the master, a DRBD split brain) and builds the alerts failoverd
/// posts directly (admin commands, rules' notify). Every body says what, on which node, why, and the
/// state of this node with its probes.
/// </summary>
public sealed class AlertComposer(string node)
{
    public string NodeName => node;

    /// <summary>The alerts between two snapshots of the same group (<paramref name="before"/> null: at start).</summary>
    public IReadOnlyList<Alert> Changes(AlertSnapshot? before, AlertSnapshot after, DateTimeOffset now)
    {
        var alerts = new List<Alert>();
        var chain = after.Status.LastChain;
        if (chain is not null && !ReferenceEquals(chain, before?.Status.LastChain))
        {
            if (ChainAlert(chain, after, now) is { } alert)
                alerts.Add(alert);
        }
        foreach (var (name, resource) in after.Resources)
        {
            if (resource.SplitBrain && !(before?.Resources.GetValueOrDefault(name)?.SplitBrain ?? false))
                alerts.Add(SplitBrain(name, resource, after, now));
        }
        if (before is not null && after.Status.State == CarpState.Master)
        {
            // A for-peer probe is the peer's health, not this master's.
            foreach (var probe in after.Probes.Where(p => p.About is null))
            {
                var was = before.Probes.FirstOrDefault(p => p.Name == probe.Name && p.About is null)?.Health;
                if (was == probe.Health || probe.Health is not ("UP" or "DOWN") || (was is null or "UNKNOWN" && probe.Health == "UP"))
                    continue;
                var group = after.Status.Name;
                var by = probe.MeasuredBy is { } peer ? $" (measured by {peer})" : "";
                alerts.Add(new Alert($"probe:{group}/{probe.Name}", $"{group}: probe {probe.Name} {probe.Health} on master {node}{by}",
                    Body(after, now, $"probe {probe.Name} ({probe.Kind}) {was ?? "UNKNOWN"} -> {probe.Health}{by} while this node is MASTER",
                        probe.Reason ?? "no reason recorded", null, BothDown(probe, after.Peer))));
            }
        }
        return alerts;
    }

    /// <summary>Mailed by each node that sees it: a split brain needs a human or the recovery policy, whoever is MASTER.</summary>
    private Alert SplitBrain(string name, DrbdResourceState resource, AlertSnapshot after, DateTimeOffset now)
    {
        var group = after.Status.Name;
        var why = $"DRBD reported a split brain on {name} ({resource.ConnectionState}, {resource.LocalRole}/{resource.PeerRole}, "
            + $"{resource.LocalDisk}/{resource.PeerDisk}): both nodes changed the data while they were apart. "
            + $"{node} will not become MASTER of {group} on it until it is resolved; one side's changes must be discarded "
            + "(by the group's split_brain: policy, failoverctl splitbrain resolve, or by hand: docs/rules.md, Split brain)";
        return new Alert($"splitbrain:{group}/{name}", $"{group}: DRBD split brain on {name} ({node})",
            Body(after, now, $"split brain on DRBD resource {name}, seen by {node}", why, null));
    }

    public Alert AdminCommand(string command, string caller, string? refusal, AlertSnapshot snapshot, DateTimeOffset now)
    {
        var group = snapshot.Status.Name;
        var what = refusal is null ? $"failoverctl {command} of group {group} on {node}" : $"failoverctl {command} of group {group} on {node} refused";
        return new Alert($"admin:{group}", $"{group}: {command} on {node}{(refusal is null ? "" : " refused")} (by {caller})",
            Body(snapshot, now, what, refusal is null ? $"requested by {caller}" : $"requested by {caller}; refused: {refusal}", null));
    }

    public Alert Notify(string rules, string text, AlertSnapshot snapshot, DateTimeOffset now) =>
        new($"notify:{snapshot.Status.Name}/{rules}", $"{snapshot.Status.Name}: {text} ({node})",
            Body(snapshot, now, text, $"rule {rules} fired (notify)", null));

    /// <summary>A config sync to the peer failed: the peer's copy may be stale, which matters the day it takes over.</summary>
    /// <param name="report">The run as failoverctl sync prints it (each path, its error or changes, the post_command).</param>
    public Alert SyncFailed(string target, string error, string report, AlertSnapshot snapshot, DateTimeOffset now)
    {
        var group = snapshot.Status.Name;
        return new Alert($"sync:{group}", $"{group}: config sync to {target} failed ({node})",
            Body(snapshot, now, $"{node} could not push the config of {group} to {target}",
                $"{error}. The peer's copy may be stale until a push succeeds (next on schedule, or failoverctl sync {group}).\n{report}", null));
    }

    /// <summary>The peer channel went silent, or the peer is heard again: news for the whole node, not one group.</summary>
    public Alert PeerReachability(string peer, bool reachable, IReadOnlyList<AlertSnapshot> groups, DateTimeOffset now)
    {
        var what = reachable ? $"peer {peer} heard again by {node}" : $"peer {peer} not heard by {node}";
        var why = reachable
            ? "the peer channel is up again: the rules use the peer's facts again"
            : "no valid message on the peer channel within its silence window: the peer is down, cut off, or its channel is; "
              + "the rules now decide on this node's facts alone (if the peer is really down, CARP brings its VIPs here)";
        var body = new AlertBodyBuilder().What(what).Node(node).Why(why).When(now);
        foreach (var group in groups)
            body.NodeState($"{node} ({group.Status.Name})", NodeState(group));
        return new Alert($"peer:{peer}", reachable ? $"peer {peer} heard again ({node})" : $"peer {peer} unreachable ({node})", body.Build());
    }

    /// <summary>
    /// A mode set or ended with failoverctl (standby, maintenance): one mail for the node (or the one group of a group
    /// maintenance), with the state of each group it concerns. On and off share a kind, so a flapping mode is digested.
    /// </summary>
    /// <param name="mode">"standby" or "maintenance".</param>
    /// <param name="group">The group of a group maintenance; null: the node.</param>
    /// <param name="effect">What it means for the groups, in a sentence or two.</param>
    public Alert ModeChanged(string mode, bool on, string? group, string caller, string effect, IReadOnlyList<AlertSnapshot> groups, DateTimeOffset now)
    {
        var what = $"{mode} {(on ? "on" : "off")}{(group is null ? "" : $" for group {group}")}";
        var body = new AlertBodyBuilder().What($"{node}: {what}").Node(node).Why($"set by {caller}. {effect}").When(now);
        foreach (var snapshot in groups)
            body.NodeState($"{node} ({snapshot.Status.Name})", NodeState(snapshot));
        return new Alert($"mode:{mode}{(group is null ? "" : "/" + group)}", $"{what} ({node}, by {caller})", body.Build());
    }

    /// <summary>A <c>mail</c> step of a chain: the admin's own subject and text, with this node's facts.</summary>
    public Alert MailStep(string subject, string text, AlertSnapshot snapshot, DateTimeOffset now) =>
        new($"step:{snapshot.Status.Name}", subject, Body(snapshot, now, text, "a mail step of a chain", null));

    private Alert? ChainAlert(ChainResult chain, AlertSnapshot after, DateTimeOffset now)
    {
        var group = after.Status.Name;
        var why = after.Status.LastTransition is { } t ? $"{Word(t.From)} -> {Word(t.To)}: {t.Reason}" : chain.Reason;
        return (chain.Kind, chain.Outcome) switch
        {
            (ChainKind.VipUp, ChainOutcome.Succeeded) => new Alert($"takeover:{group}", $"{group}: {node} took over (MASTER)",
                Body(after, now, $"{node} became MASTER of {group} and holds its VIPs", why, chain)),
            (ChainKind.VipUp, ChainOutcome.RolledBack) => new Alert($"chain:{group}", $"{group}: on_master failed on {node}, rolled back",
                Body(after, now, chain.Summary(), why, chain)),
            (ChainKind.VipDown, ChainOutcome.Succeeded) when after.Status.LastTransition?.From == CarpState.Master => new Alert($"release:{group}", $"{group}: {node} left MASTER",
                Body(after, now, $"{node} gave up the VIPs of {group}", why, chain)),
            (ChainKind.VipDown, ChainOutcome.PartlyFailed) => new Alert($"chain:{group}", $"{group}: on_backup steps failed on {node}",
                Body(after, now, chain.Summary(), why, chain)),
            _ => null, // Cut: the on_backup that cut it reports
        };
    }

    /// <summary>A probe that went DOWN here while the peer's probe of the same name is DOWN too: the admin must read
    /// at once that the service fails on both nodes, so handing the VIPs over would not help.</summary>
    private static string? BothDown(ProbeLine probe, PeerLine? peer) =>
        probe.Health == "DOWN" && peer?.Probes?.FirstOrDefault(p => p.Name == probe.Name) is { Health: "DOWN" } theirs
            ? $"{peer.Node}'s probe {probe.Name} is DOWN too{(theirs.Reason is { } reason ? $" ({reason})" : "")}: the service fails on both nodes, "
              + $"so handing the VIPs to {peer.Node} would not help"
            : null;

    private string Body(AlertSnapshot snapshot, DateTimeOffset now, string what, string why, ChainResult? chain, string? peerNote = null)
    {
        var s = snapshot.Status;
        var body = new AlertBodyBuilder().What(what).Node(node).Fact("Group", $"{s.Name} (vhid {s.Vhid} on {s.Interface})")
            .Why(why);
        if (peerNote is not null)
            body.Fact("Peer", peerNote);
        body.When(now);
        if (chain is not null)
        {
            body.Chain(chain.Name);
            foreach (var step in chain.Steps)
                body.Step($"{step.Number}. {step.Step}", step.Duration, $"{Word(step.Status)}{(step.Detail.Length > 0 ? ": " + step.Detail : "")}");
            foreach (var undo in chain.Undone)
                body.Step($"undo {undo.Number}. {undo.Step}", undo.Duration, $"{Word(undo.Status)}{(undo.Detail.Length > 0 ? ": " + undo.Detail : "")}");
        }
        body.NodeState(node, NodeState(snapshot));
        if (snapshot.Peer is { } peer)
            body.NodeState(peer.Node, peer.State);
        else if (s.Master is { } master && master != s.Source)
            body.NodeState(master, "MASTER (heard on the wire)");
        return body.Build();
    }

    /// <summary>"MASTER since …", VIPs, link, then one line per probe with its reason.</summary>
    public static string NodeState(AlertSnapshot snapshot)
    {
        var s = snapshot.Status;
        var lines = new List<string>
        {
            $"{Word(s.State)}{(s.LastTransition is { } t ? " since " + t.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "")}"
                + $", link {(s.LinkUp ? "up" : "down")}, VIPs {string.Join(", ", s.Vips)}",
        };
        if (s.IneligibleReason is { } no)
            lines.Add($"may not be MASTER: {no}");
        lines.AddRange(snapshot.Probes.Select(p => $"{p.Title}{(p.Reason is null ? "" : ": " + p.Reason)}"));
        lines.AddRange(snapshot.Resources.Select(r => $"drbd {r.Key}: {r.Value.ConnectionState} {r.Value.LocalRole}/{r.Value.PeerRole} "
            + $"{r.Value.LocalDisk}/{r.Value.PeerDisk}{(r.Value.SyncPercent is { } p ? $" {p:0.#}% synced" : "")}{(r.Value.SplitBrain ? ", split brain" : "")}"));
        return string.Join('\n', lines);
    }

    private static string Word<T>(T value) where T : struct, Enum => value.ToString().ToUpperInvariant();
}
