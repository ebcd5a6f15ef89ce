using System.Collections.Immutable;
using Failover.Carp.StateMachine;

namespace Failover.Daemon.Modes;

/// <summary>
/// The modes an admin set on this node (state_dir/modes.json): node standby, node maintenance, and per group its own
/// maintenance and its release / takeover preference. Immutable: each change makes a new value, which is saved.
/// </summary>
public sealed record NodeModes
{
    public static NodeModes None { get; } = new();

    /// <summary>Set: this node refuses MASTER for every group.</summary>
    public ModeMark? Standby { get; init; }

    /// <summary>Set: every group is frozen (failoverd takes no action).</summary>
    public ModeMark? Maintenance { get; init; }

    /// <summary>Groups with something set, by name; a group with nothing set is absent.</summary>
    public ImmutableSortedDictionary<string, GroupModes> Groups { get; init; } = ImmutableSortedDictionary.Create<string, GroupModes>(StringComparer.Ordinal);

    public GroupModes Of(string group) => Groups.GetValueOrDefault(group) ?? GroupModes.None;

    /// <summary>The group is frozen: by node maintenance or its own.</summary>
    public bool InMaintenance(string group) => Maintenance is not null || Of(group).Maintenance is not null;

    public NodeModes WithGroup(string group, GroupModes modes) =>
        this with { Groups = modes.IsEmpty ? Groups.Remove(group) : Groups.SetItem(group, modes) };

    public NodeModes WithPreference(string group, AdminPreference preference, ModeMark? set) =>
        WithGroup(group, Of(group) with { Preference = preference, PreferenceSet = preference == AdminPreference.None ? null : set });
}
