using Failover.Carp;
using Failover.Carp.StateMachine;
using Failover.Monitors.Health;

namespace Failover.Rules.Facts;

/// <summary>How facts are written for people, the same as failoverctl status writes them.</summary>
internal static class FactWords
{
    public static string Of(CarpState state) => state.ToString().ToUpperInvariant();

    public static string Of(ServiceHealth health) => health.ToString().ToUpperInvariant();

    public static string Of(AdminPreference preference) => preference switch
    {
        AdminPreference.StayBackup => "released",
        AdminPreference.StayMaster => "taken-over",
        _ => "none",
    };
}
