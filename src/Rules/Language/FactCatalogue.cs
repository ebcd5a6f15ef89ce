using System.Globalization;
using Failover.Monitors.Drbd;
using Failover.Rules.Facts;

namespace Failover.Rules.Language;

/// <summary>
/// Every fact name a condition may use, resolved to its <see cref="FactDefinition"/>. Built-in names and attributes
/// ignore case; probe and DRBD resource names are written as configured. <c>peer.</c> before any name reads the
/// peer's snapshot.
/// </summary>
internal static class FactCatalogue
{
    private static readonly string[] States = ["master", "backup", "init"];
    private static readonly string[] Healths = ["up", "down", "unknown"];
    private static readonly string[] Roles = ["Primary", "Secondary", "Unknown"];
    private static readonly string[] Disks = Enum.GetNames<DrbdDiskState>();

    private static readonly string[] Connections =
    [
        "Connected", "Established", "StandAlone", "WFConnection", "Connecting", "SyncSource", "SyncTarget", "PausedSyncS",
        "PausedSyncT", "VerifyS", "VerifyT", "Disconnecting", "Unconnected", "Timeout", "BrokenPipe", "NetworkFailure",
        "ProtocolError", "TearDown", "WFReportParams", "StartingSyncS", "StartingSyncT", "WFBitMapS", "WFBitMapT",
        "WFSyncUUID", "Ahead", "Behind", "Off", "Unconfigured", "Unknown",
    ];

    private static readonly Dictionary<string, FactDefinition> Simple = new FactDefinition[]
    {
        new("state", FactKind.Choice, (f, _) => FactReading.Of(f.State.ToString(), $"state is {FactWords.Of(f.State)}"), States),
        new("master", FactKind.Address, (f, _) => f.MasterSeen is { } a
            ? FactReading.Of(a.ToString(), $"master seen is {a}")
            : FactReading.Of("none", "no master seen")),
        new("link", FactKind.Choice, (f, _) => FactReading.Of(f.LinkUp ? "up" : "down", $"link is {(f.LinkUp ? "up" : "down")}"), ["up", "down"]),
        new("maintenance", FactKind.Flag, (f, _) => FactReading.Of(f.Maintenance, $"maintenance is {OnOff(f.Maintenance)}")),
        new("standby", FactKind.Flag, (f, _) => FactReading.Of(f.Standby, $"standby is {OnOff(f.Standby)}")),
        new("preference", FactKind.Choice, (f, _) => FactReading.Of(FactWords.Of(f.Preference), $"preference is {FactWords.Of(f.Preference)}"),
            ["none", "released", "taken-over"]),
        new("since_transition", FactKind.Elapsed, (f, now) => FactReading.Since(f.LastTransitionAt, now,
            f.LastTransitionAt is { } at ? $"last transition {Elapsed.Format(now - at)} ago" : "no transition since start")),
        new("vip_up_failed", FactKind.Flag, (f, now) => FactReading.Of(f.VipUpFailedAt is not null, VipUp(f, now))),
        new("since_vip_up_failure", FactKind.Elapsed, (f, now) => FactReading.Since(f.VipUpFailedAt, now, VipUp(f, now))),
        new("link_lost_unsynced", FactKind.Flag, (f, _) => FactReading.Of(f.LinkLostUnsynced, f.LinkLostUnsynced
            ? "the link was lost and the resources have not been in sync since"
            : "no link loss waiting for a resync")),
        new("in_sync", FactKind.Flag, (f, _) => FactReading.Of(f.ResourcesInSync, InSync(f))),
    }.ToDictionary(d => d.Name);

    /// <summary>Read from this node's own snapshot, never unknown: whether the channel hears the peer now.</summary>
    private static readonly FactDefinition PeerReachable = new("peer.reachable", FactKind.Flag, (f, _) => FactReading.Of(f.PeerReachable,
        f.PeerReachable ? "the peer is reachable" : "the peer is not reachable"));

    private static readonly string[] ProbeAttributes = ["health", "since"];
    private static readonly string[] DrbdAttributes = ["connection", "role", "peer_role", "disk", "peer_disk", "sync", "split_brain"];
    private static readonly string[] TopNames = [.. Simple.Keys, "probe", "drbd", "peer"];

    /// <summary>The definition of <paramref name="path"/>, or null after adding an error located in the text.</summary>
    /// <param name="offset">Where the path starts in the condition.</param>
    public static FactDefinition? Resolve(string path, int offset, RuleScope scope, List<ConditionError> errors)
    {
        var parts = new List<(string Text, int Offset)>();
        var at = 0;
        foreach (var part in path.Split('.'))
        {
            if (part.Length == 0)
            {
                // Point at the dot that makes the empty part: the one after it, or the last one.
                var dot = at < path.Length ? at : at - 1;
                errors.Add(new ConditionError(offset + dot, 1, $"'{path}' has an empty part: fact names are words joined by single dots"));
                return null;
            }
            parts.Add((part, offset + at));
            at += part.Length + 1;
        }
        return Resolve(parts, scope, errors, peer: false);
    }

    private static FactDefinition? Resolve(List<(string Text, int Offset)> parts, RuleScope scope, List<ConditionError> errors, bool peer)
    {
        var (head, headAt) = parts[0];
        var rest = parts.Skip(1).ToList();
        switch (head.ToLowerInvariant())
        {
            case "peer" when peer:
                return Fail(errors, headAt, head, "peer.peer is not a fact: the peer's facts are peer.NAME");
            case "peer":
                if (rest.Count == 0)
                    return Fail(errors, headAt, head, "peer needs a fact after it, e.g. peer.state == master");
                if (rest[0].Text.Equals("reachable", StringComparison.OrdinalIgnoreCase))
                    return rest.Count > 1
                        ? Fail(errors, rest[1].Offset, rest[1].Text, $"peer.reachable has no part '{rest[1].Text}'")
                        : PeerReachable;
                return Resolve(rest, scope, errors, peer: true)?.OfPeer();
            case "probe":
                return Probe(head, headAt, rest, scope, errors);
            case "drbd":
                return Drbd(head, headAt, rest, scope, errors);
        }
        if (!Simple.TryGetValue(head.ToLowerInvariant(), out var simple))
        {
            var near = NameSuggestion.Closest(head, TopNames);
            return Fail(errors, headAt, head, $"unknown fact '{head}'" + (near is null
                ? $" (facts: {string.Join(", ", Simple.Keys)}, probe.NAME, drbd.NAME.ATTRIBUTE, peer.reachable, peer.FACT)"
                : $" (did you mean '{Spelled(near)}'?)"));
        }
        if (rest.Count > 0)
            return Fail(errors, rest[0].Offset, rest[0].Text, $"{simple.Name} has no part '{rest[0].Text}'");
        return simple;
    }

    private static string Spelled(string top) => top switch { "probe" => "probe.NAME", "drbd" => "drbd.NAME.ATTRIBUTE", "peer" => "peer.FACT", _ => top };

    private static FactDefinition? Probe(string head, int headAt, List<(string Text, int Offset)> rest, RuleScope scope, List<ConditionError> errors)
    {
        if (rest.Count == 0)
            return Fail(errors, headAt, head, $"probe needs a name: probe.NAME{Known("probes", scope.Probes)}");
        var (name, nameAt) = rest[0];
        if (!scope.HasProbe(name))
            return Fail(errors, nameAt, name, Unknown("probe", name, "probes", scope.Probes));
        var (attribute, attributeAt) = rest.Count > 1 ? rest[1] : ("health", nameAt);
        if (rest.Count > 2)
            return Fail(errors, rest[2].Offset, rest[2].Text, $"probe.{name}.{attribute} has no part '{rest[2].Text}'");
        switch (attribute.ToLowerInvariant())
        {
            case "health":
                return new FactDefinition($"probe.{name}", FactKind.Choice, (f, _) => f.Probes.TryGetValue(name, out var p)
                    ? FactReading.Of(p.Health.ToString(), $"{name} is {FactWords.Of(p.Health)}" + (p.Reason is { } r ? ": " + r : ""))
                    : FactReading.Unknown($"{name}: no such probe in the facts"), Healths);
            case "since":
                return new FactDefinition($"probe.{name}.since", FactKind.Elapsed, (f, now) => f.Probes.TryGetValue(name, out var p)
                    ? FactReading.Since(p.Since, now, $"{name} is {FactWords.Of(p.Health)} " + (p.Since is { } at ? $"for {Elapsed.Format(now - at)}" : "since start"))
                    : FactReading.Unknown($"{name}: no such probe in the facts"));
            default:
                return Fail(errors, attributeAt, attribute, Unknown($"attribute of probe.{name}", attribute, "attributes", ProbeAttributes));
        }
    }

    private static FactDefinition? Drbd(string head, int headAt, List<(string Text, int Offset)> rest, RuleScope scope, List<ConditionError> errors)
    {
        if (rest.Count == 0)
            return Fail(errors, headAt, head, $"drbd needs a resource and an attribute: drbd.NAME.disk{Known("resources", scope.DrbdResources)}");
        var (name, nameAt) = rest[0];
        if (!scope.HasDrbd(name))
            return Fail(errors, nameAt, name, Unknown("DRBD resource", name, "resources", scope.DrbdResources));
        if (rest.Count == 1)
            return Fail(errors, nameAt, name, $"drbd.{name} needs an attribute: {string.Join(", ", DrbdAttributes)}");
        var (attribute, attributeAt) = rest[1];
        if (rest.Count > 2)
            return Fail(errors, rest[2].Offset, rest[2].Text, $"drbd.{name}.{attribute} has no part '{rest[2].Text}'");
        var fact = $"drbd.{name}.{attribute.ToLowerInvariant()}";
        FactDefinition Of(FactKind kind, Func<DrbdResourceState, DateTimeOffset, FactReading> read, IReadOnlyList<string>? choices = null) =>
            new(fact, kind, (f, now) => f.Drbd.TryGetValue(name, out var s) ? read(s, now) : FactReading.Unknown($"{name}: not reported by DRBD"), choices);
        return attribute.ToLowerInvariant() switch
        {
            "connection" => Of(FactKind.Choice, (s, _) => FactReading.Of(s.ConnectionState, $"{name} connection is {s.ConnectionState}"), Connections),
            "role" => Of(FactKind.Choice, (s, _) => FactReading.Of(s.LocalRole.ToString(), $"{name} role is {s.LocalRole}"), Roles),
            "peer_role" => Of(FactKind.Choice, (s, _) => FactReading.Of(s.PeerRole.ToString(), $"{name} peer role is {s.PeerRole}"), Roles),
            "disk" => Of(FactKind.Choice, (s, _) => FactReading.Of(s.LocalDisk.ToString(), $"{name} disk is {s.LocalDisk}"), Disks),
            "peer_disk" => Of(FactKind.Choice, (s, _) => FactReading.Of(s.PeerDisk.ToString(), $"{name} peer disk is {s.PeerDisk}"), Disks),
            "sync" => Of(FactKind.Percent, (s, _) => s.SyncPercent is { } p
                ? FactReading.Of(p, string.Create(CultureInfo.InvariantCulture, $"{name} resync at {p:0.#}%"))
                : FactReading.Unknown($"{name}: {s.ConnectionState}, no resync running")),
            "split_brain" => Of(FactKind.Flag, (s, _) => FactReading.Of(s.SplitBrain,
                s.SplitBrain ? $"{name}: split brain" : $"{name}: no split brain, {s.ConnectionState}")),
            _ => Fail(errors, attributeAt, attribute, Unknown($"attribute of drbd.{name}", attribute, "attributes", DrbdAttributes)),
        };
    }

    private static FactDefinition? Fail(List<ConditionError> errors, int offset, string text, string message)
    {
        errors.Add(new ConditionError(offset, Math.Max(1, text.Length), message));
        return null;
    }

    private static string Unknown(string what, string name, string plural, IReadOnlyCollection<string> known) =>
        NameSuggestion.Closest(name, known) is { } near
            ? $"unknown {what} '{name}' (did you mean '{near}'?)"
            : $"unknown {what} '{name}'{Known(plural, known)}";

    private static string Known(string plural, IReadOnlyCollection<string> known) =>
        known.Count == 0 ? $" (this group has no {plural})" : $" ({plural} here: {string.Join(", ", known)})";

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string VipUp(GroupFacts facts, DateTimeOffset now) => facts.VipUpFailedAt is { } at
        ? $"vip-up chain failed {Elapsed.Format(now - at)} ago"
        : "vip-up chain has not failed";

    private static string InSync(GroupFacts facts)
    {
        if (facts.Drbd.Count == 0)
            return "no DRBD resources";
        var behind = facts.Drbd.Where(r => !r.Value.IsHealthy).Select(r => $"{r.Key} {r.Value.ConnectionState} {r.Value.LocalDisk}/{r.Value.PeerDisk}" + (r.Value.SplitBrain ? " split brain" : "")).ToList();
        return behind.Count == 0 ? "resources in sync" : "not in sync: " + string.Join(", ", behind);
    }
}
