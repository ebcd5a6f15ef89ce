using System.Collections.Immutable;
using System.Net;
using Failover.Carp;
using Failover.Monitors.Drbd;
using Failover.Monitors.Health;
using Failover.Rules.Engine;
using Failover.Rules.Facts;
using Failover.Rules.Language;

namespace Failover.Rules.Tests.Support;

/// <summary>Facts and rules of the seed's two pairs: dns-dhcp (bind, dhcpd) and samba (smbd, slapd on DRBD r0).</summary>
internal static class Sample
{
    public static readonly DateTimeOffset T0 = new(2025, 11, 21, 15, 0, 0, TimeSpan.Zero);

    public static readonly RuleScope Scope = new(["bind", "dhcpd", "smbd", "slapd"], ["r0", "r1"]);

    public static DrbdResourceState Healthy(string name) => new()
    {
        Name = name,
        ConnectionState = "Connected",
        LocalRole = DrbdRole.Primary,
        PeerRole = DrbdRole.Secondary,
        LocalDisk = DrbdDiskState.UpToDate,
        PeerDisk = DrbdDiskState.UpToDate,
    };

    /// <summary>A healthy MASTER: every probe UP for a minute, r0 Connected UpToDate/UpToDate, last transition 1 h ago.</summary>
    public static GroupFacts Master() => new()
    {
        Group = "samba",
        State = CarpState.Master,
        MasterSeen = IPAddress.Parse("10.4.0.102"),
        Probes = Probes(("bind", ServiceHealth.Up), ("dhcpd", ServiceHealth.Up), ("smbd", ServiceHealth.Up), ("slapd", ServiceHealth.Up)),
        Drbd = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("r0", Healthy("r0"))]),
        LastTransitionAt = T0 - TimeSpan.FromHours(1),
    };

    public static GroupFacts Backup() => Master() with
    {
        State = CarpState.Backup,
        MasterSeen = IPAddress.Parse("10.4.0.202"),
        Drbd = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [KeyValuePair.Create("r0", Healthy("r0") with { LocalRole = DrbdRole.Secondary, PeerRole = DrbdRole.Primary })]),
    };

    public static ImmutableSortedDictionary<string, ProbeFact> Probes(params (string Name, ServiceHealth Health)[] probes) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, probes.Select(p => KeyValuePair.Create(p.Name,
            new ProbeFact("dns", p.Health, p.Health == ServiceHealth.Up ? "answer 192.0.2.80 in 1 ms" : "no answer within 1 s", T0 - TimeSpan.FromMinutes(1)))));

    public static GroupFacts WithProbe(this GroupFacts facts, string name, ServiceHealth health, string? reason = null, DateTimeOffset? since = null) =>
        facts with { Probes = facts.Probes.SetItem(name, new ProbeFact("dns", health, reason ?? (health == ServiceHealth.Down ? "no answer within 1 s" : "answer 192.0.2.80 in 1 ms"), since ?? T0 - TimeSpan.FromMinutes(1))) };

    public static GroupFacts WithDrbd(this GroupFacts facts, string name, Func<DrbdResourceState, DrbdResourceState> change) =>
        facts with { Drbd = facts.Drbd.SetItem(name, change(facts.Drbd.TryGetValue(name, out var s) ? s : Healthy(name))) };

    public static Condition When(string text)
    {
        var parsed = ConditionParser.Parse(text, Scope);
        Assert.True(parsed.Ok, string.Join("; ", parsed.Errors));
        return parsed.Condition!;
    }

    public static Rule Rule(string name, string when, params Decisions.Decision[] then) => new(name, When(when), then);
}
