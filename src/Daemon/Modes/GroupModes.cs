using Failover.Carp.StateMachine;

namespace Failover.Daemon.Modes;

/// <summary>What an admin set on one group: its own maintenance, and the release / takeover preference.</summary>
/// <param name="PreferenceSet">Who released or took over, and when; null while <paramref name="Preference"/> is None.</param>
public sealed record GroupModes(ModeMark? Maintenance = null, AdminPreference Preference = AdminPreference.None, ModeMark? PreferenceSet = null)
{
    public static GroupModes None { get; } = new();

    public bool IsEmpty => Maintenance is null && Preference == AdminPreference.None;
}
