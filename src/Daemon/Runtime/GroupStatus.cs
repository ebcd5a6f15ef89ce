using Failover.Carp;
using Failover.Carp.StateMachine;

namespace Failover.Daemon.Runtime;

/// <summary>A consistent snapshot of one group, as `failoverctl status` shows it.</summary>
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
    IReadOnlyDictionary<string, long> Rejected);
