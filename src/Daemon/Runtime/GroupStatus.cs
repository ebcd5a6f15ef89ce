using Failover.Actions.Chains;
using Failover.Carp;
using Failover.Carp.StateMachine;

namespace Failover.Daemon.Runtime;

/// <summary>A consistent snapshot of one group, as `failoverctl status` shows it.</summary>
/// <param name="IneligibleReason">Why this node may not be master now; null while it may.</param>
/// <param name="Hold">The hold after a failed on_master chain, while it lasts.</param>
/// <param name="LastChain">The last on_master / on_backup chain that finished.</param>
public sealed record GroupStatus(
    string Name,
    byte Vhid,
    string Interface,
    string Source,
    IReadOnlyList<string> Vips,
    CarpState State,
    bool LinkUp,
    string? Master,
    TransitionRecord? LastTransition,
    AdminPreference Preference,
    long AdvertsSent,
    long AdvertsReceived,
    long SendErrors,
    IReadOnlyDictionary<string, long> Rejected,
    string? IneligibleReason,
    ChainHold? Hold,
    ChainResult? LastChain);
