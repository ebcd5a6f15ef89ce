using System.Net;
using Failover.Actions.Chains;
using Failover.Carp;
using Failover.Rules.Engine;

namespace Failover.Daemon.Config;

/// <summary>
/// One CARP group (one vhid on one interface) with its VIPs and chains, validated and with defaults applied.
/// </summary>
/// <param name="Source">The address adverts are sent from; null means "first IPv4 of the interface", resolved at run time.</param>
/// <param name="Password">The CARP HMAC key (1 to 19 bytes), read from <paramref name="PasswordFile"/> when that is set.</param>
/// <param name="Vips">At least one; the first is the one covered by the CARP HMAC, as ucarp's single --addr.</param>
/// <param name="OnMaster">The vip-up chain as written; a vip step runs first when it names none.</param>
/// <param name="OnBackup">The vip-down chain as written; a vip step runs first when it names none.</param>
/// <param name="ChainHoldDown">How long a node whose on_master chain failed stays ineligible (or until failoverctl clear).</param>
/// <param name="Monitors">Health probes of the group's services; their names are unique in the daemon.</param>
/// <param name="Rules">What to decide from the group's facts, in configured order; names unique in the group.</param>
/// <param name="Sync">The paths the master pushes to the peer with rsync over ssh; null: none.</param>
public sealed record GroupConfig(
    string Name,
    byte Vhid,
    string Interface,
    IPAddress? Source,
    byte[] Password,
    string? PasswordFile,
    byte AdvBase,
    byte AdvSkew,
    byte DeadRatio,
    bool Preempt,
    bool Neutral,
    IReadOnlyList<VipAddress> Vips,
    GarpConfig Garp,
    IReadOnlyList<ChainStep> OnMaster,
    IReadOnlyList<ChainStep> OnBackup,
    TimeSpan ChainHoldDown,
    IReadOnlyList<MonitorConfig> Monitors,
    IReadOnlyList<Rule> Rules,
    Failover.Remote.Sync.SyncSettings? Sync = null)
{
    /// <summary>The group's split-brain recovery policy; null: split brain is detected and mailed, never recovered.</summary>
    public SplitBrainConfig? SplitBrain { get; init; }

    public const byte DefaultAdvBase = 1;
    public const byte DefaultAdvSkew = 0;
    public const byte DefaultDeadRatio = 3;

    public static TimeSpan DefaultChainHoldDown { get; } = TimeSpan.FromMinutes(5);

    /// <summary>ucarp stores the password with its NUL in a 20-byte buffer.</summary>
    public const int MaxPasswordBytes = 19;

    public CarpTiming Timing => new(AdvBase, AdvSkew);

    /// <summary>The VIP covered by the CARP HMAC.</summary>
    public VipAddress HmacVip => Vips[0];
}
