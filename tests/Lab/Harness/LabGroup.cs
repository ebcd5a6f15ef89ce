namespace Failover.Lab.Tests.Harness;

/// <summary>
/// One CARP group as the lab sets it up, on ucarp or failoverd alike, so the two can be swapped or mixed.
/// The defaults are the ones every lab test shares.
/// </summary>
public sealed record LabGroup
{
    public string Name { get; init; } = "web";

    public byte Vhid { get; init; } = 42;

    public string Password { get; init; } = "secret";

    public byte AdvBase { get; init; } = 1;

    public byte AdvSkew { get; init; }

    public bool Preempt { get; init; }

    /// <summary>With prefix length; the first is the one CARP's HMAC covers (and the only one ucarp knows).</summary>
    public IReadOnlyList<string> Vips { get; init; } = ["192.0.2.100/24"];

    /// <summary>failoverd only: an on_master exec step, called with ucarp's arguments (IFACE VIP).</summary>
    public IReadOnlyList<string>? OnMaster { get; init; }

    /// <summary>failoverd only: on_master steps, each a YAML flow item such as "vip" or "{ exec: [/bin/true], undo: [/bin/false] }";
    /// after <see cref="OnMaster"/>'s step when both are given.</summary>
    public IReadOnlyList<string>? OnMasterSteps { get; init; }

    /// <summary>failoverd only: chain_hold_down (e.g. "10m"), or null for the default.</summary>
    public string? ChainHoldDown { get; init; }

    /// <summary>failoverd only: monitors, each a YAML flow mapping such as "{ name: t, tcp: { server: 192.0.2.1, port: 9 } }".</summary>
    public IReadOnlyList<string>? Monitors { get; init; }

    /// <summary>failoverd only: rules, each a YAML flow mapping such as "{ name: r, when: \"probe.t == down\", then: [forbid_master] }".</summary>
    public IReadOnlyList<string>? Rules { get; init; }

    /// <summary>failoverd only: the group's sync: as a YAML flow mapping such as "{ paths: [/srv/etc/], every: 1h }" (needs an ssh: section).</summary>
    public string? Sync { get; init; }

    /// <summary>The first VIP's address, without prefix length.</summary>
    public string Vip => Vips[0].Split('/')[0];
}
