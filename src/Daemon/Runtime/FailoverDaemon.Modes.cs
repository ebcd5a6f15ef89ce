using Failover.Carp.StateMachine;
using Failover.Control;
using Failover.Daemon.Alerts;
using Failover.Daemon.Control;
using Failover.Daemon.Journal;
using Failover.Daemon.Modes;
using Microsoft.Extensions.Logging;

namespace Failover.Daemon.Runtime;

/// <summary>
/// Node and group modes (failoverctl standby, maintenance) and the release / takeover preference, kept in
/// state_dir/modes.json: read before any group starts, rewritten before a change is applied.
/// </summary>
public sealed partial class FailoverDaemon
{
    private readonly Lock _modesLock = new();
    private ModesBook? _modesBook;
    private NodeModes _modes = NodeModes.None;
    private AlertComposer? _composer;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>The modes as they are now (for status and tests).</summary>
    public NodeModes Modes
    {
        get
        {
            lock (_modesLock)
                return _modes;
        }
    }

    /// <summary>At start, before the first group opens: a node restarted in standby must not be master even for one advert.</summary>
    private void OpenModes(AlertComposer composer, TimeProvider time)
    {
        _composer = composer;
        _time = time;
        var (book, modes, error) = ModesBook.Open(_config.StateDir, time.GetUtcNow());
        _modesBook = book;
        _modes = modes;
        if (error is not null)
        {
            ModesUnreadable(error);
            ModeChanged("standby", true, null, modes.Standby!.SetBy,
                $"{error}. Without it this node cannot know whether it was in standby, so it starts in standby (the bad file is kept as "
                + $"{ModesBook.FileName}.corrupt). Check the modes, then: failoverctl standby off");
        }
    }

    /// <summary>Before a group begins (and before its rules first look): its kept preference, standby, maintenance.</summary>
    private void ApplyModes(GroupRuntime group)
    {
        var modes = Modes;
        var own = modes.Of(group.Name);
        if (own.Preference != AdminPreference.None)
        {
            group.RestorePreference(own.Preference);
            PreferenceRestored(group.Name, ModesFile.PreferenceWord(own.Preference), own.PreferenceSet?.SetBy ?? "?");
        }
        if (modes.Standby is { } standby)
            group.SetStandby(StandbyReason(standby));
        if (modes.InMaintenance(group.Name))
            group.SetMaintenance(true);
    }

    private static string StandbyReason(ModeMark mark) => $"node in standby (set by {mark.SetBy}; failoverctl standby off)";

    /// <summary>failoverctl standby on|off.</summary>
    private ControlResponse Standby(bool on, ControlCaller caller)
    {
        var mark = new ModeMark(caller.ToString(), _time.GetUtcNow());
        lock (_modesLock)
        {
            if ((_modes.Standby is not null) == on)
                return new ControlResponse(true, Message: on ? $"already in standby (set by {_modes.Standby!.SetBy} at {Local(_modes.Standby.At)})" : "not in standby");
            if (Keep(_modes with { Standby = on ? mark : null }) is { } error)
                return error;
            foreach (var group in _groups)
                group.SetStandby(on ? StandbyReason(mark) : null);
        }
        ModeChanged("standby", on, null, caller.ToString(), on
            ? "This node gives up MASTER of every group (a master bows out, the peer takes over) and refuses it; probes, sync and the peer channel keep running."
            : "This node may be MASTER again: it takes over when no master is heard, and preempts as configured.");
        return new ControlResponse(true, Message: on
            ? "standby: this node gives up and refuses MASTER of every group until 'failoverctl standby off'"
            : "standby off: this node may be MASTER again (takes over when no master is heard, preempts as configured)");
    }

    /// <summary>failoverctl maintenance on|off [GROUP].</summary>
    private ControlResponse Maintenance(bool on, string? name, ControlCaller caller)
    {
        var mark = new ModeMark(caller.ToString(), _time.GetUtcNow());
        if (name is not null && _groups.All(g => g.Name != name))
            return NoSuchGroup(name);
        List<string> stillFrozen;
        lock (_modesLock)
        {
            var current = name is null ? _modes.Maintenance : _modes.Of(name).Maintenance;
            var what = name is null ? "this node" : $"group {name}";
            if ((current is not null) == on)
                return new ControlResponse(true, Message: on ? $"{what} already in maintenance (set by {current!.SetBy} at {Local(current.At)})" : $"{what} is not in maintenance");
            var next = name is null
                ? _modes with { Maintenance = on ? mark : null }
                : _modes.WithGroup(name, _modes.Of(name) with { Maintenance = on ? mark : null });
            if (Keep(next) is { } error)
                return error;
            foreach (var group in _groups)
                group.SetMaintenance(_modes.InMaintenance(group.Name));
            stillFrozen = _groups.Where(g => _modes.InMaintenance(g.Name)).Select(g => g.Name).ToList();
        }
        if (!on)
        {
            // Catch up on what was withheld: a split brain seen during maintenance is acted on now.
            foreach (var resolver in _splitBrain.OfType<SplitBrainResolver>())
                resolver.Check();
        }
        var scope = name is null ? "" : $" for group {name}";
        ModeChanged("maintenance", on, name, caller.ToString(), on
            ? "failoverd takes no action: the CARP state is frozen (a master keeps advertising, a backup keeps listening and does not take over), "
              + "no chain runs, the rules are evaluated but not applied, no split-brain recovery starts."
            : "failoverd acts again, from the facts as they are now: a backup whose master is silent takes over, a master that may not be one bows out.");
        var still = !on && stillFrozen.Count > 0 ? $"; still in maintenance: {string.Join(", ", stillFrozen)}" : "";
        return new ControlResponse(true, Message: on
            ? $"maintenance{scope}: failoverd takes no action (state frozen, no chains, rules not applied) until 'failoverctl maintenance off{(name is null ? "" : " " + name)}'"
            : $"maintenance off{scope}: failoverd acts again from the current facts{still}");
    }

    /// <summary>After release / takeover / clear: the group's preference, kept for a restart.</summary>
    private ControlResponse KeepPreference(GroupRuntime group, ControlCaller caller, ControlResponse response)
    {
        var preference = group.Status().Preference;
        lock (_modesLock)
        {
            if (_modes.Of(group.Name).Preference != preference
                && Keep(_modes.WithPreference(group.Name, preference, new ModeMark(caller.ToString(), _time.GetUtcNow()))) is { } error)
                return response with { Message = $"{response.Message}\nwarning: {error.Error}: the preference is lost at restart" };
        }
        return group.InMaintenance
            ? response with { Message = $"{response.Message}\n(maintenance: nothing moves until 'failoverctl maintenance off')" }
            : response;
    }

    /// <summary>Writes <paramref name="next"/> and makes it current; the error answer (nothing changed) when it cannot.</summary>
    private ControlResponse? Keep(NodeModes next)
    {
        try
        {
            _modesBook?.Save(next);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ModesNotSaved(_modesBook!.Path, e.Message);
            return new ControlResponse(false, $"cannot write {_modesBook.Path}: {e.Message}; nothing changed");
        }
        _modes = next;
        return null;
    }

    /// <summary>
    /// Every change of a node or group mode goes through here, after it is saved and applied: the log line with who set
    /// it, and one mail (for the node, or the one group).
    /// </summary>
    /// <param name="mode">"standby" or "maintenance".</param>
    /// <param name="group">The group of a group maintenance; null: the whole node.</param>
    /// <param name="setBy">The caller (<see cref="ControlCaller.ToString"/>), or "failoverd (…)" when failoverd set it.</param>
    /// <param name="effect">What it means, for the mail.</param>
    private void ModeChanged(string mode, bool on, string? group, string setBy, string effect)
    {
        var what = $"{mode} {(on ? "on" : "off")}{(group is null ? "" : $" for group {group}")}";
        ModeSet(what, setBy);
        _journal?.Append(JournalKinds.Mode, group, $"{what}, set by {setBy}: {effect}", new Dictionary<string, string>
        {
            ["mode"] = mode,
            ["value"] = on ? "on" : "off",
            ["caller"] = setBy,
            ["effect"] = effect,
        });
        if (_mail is null || _composer is null)
            return;
        var snapshots = _alerts.Where((_, i) => group is null || _groups[i].Name == group).Select(a => a.Snapshot()).ToArray();
        _mail.Post(_composer.ModeChanged(mode, on, group, setBy, effect, snapshots, _time.GetUtcNow()));
    }

    /// <summary>The modes part of status: the node's modes, and each group's maintenance and preference (who, when).</summary>
    private StatusReport WithModes(StatusReport status)
    {
        var modes = Modes;
        return status with
        {
            Standby = Report(modes.Standby),
            Maintenance = Report(modes.Maintenance),
            Groups = status.Groups.Select(g => g with
            {
                Maintenance = Report(modes.Of(g.Name).Maintenance ?? modes.Maintenance),
                PreferenceSet = g.Preference == "none" ? null : Report(modes.Of(g.Name).PreferenceSet),
            }).ToArray(),
        };
    }

    private static ModeReport? Report(ModeMark? mark) => mark is null ? null : new ModeReport(mark.SetBy, mark.At);

    private static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");

    [LoggerMessage(EventId = 520, Level = LogLevel.Warning, Message = "admin: {What} (this node), set by {SetBy}")]
    private partial void ModeSet(string what, string setBy);

    [LoggerMessage(EventId = 521, Level = LogLevel.Error, Message = "modes: {Error}: starting in standby")]
    private partial void ModesUnreadable(string error);

    [LoggerMessage(EventId = 522, Level = LogLevel.Error, Message = "modes: cannot write {Path}: {Error}; the change is refused")]
    private partial void ModesNotSaved(string path, string error);

    [LoggerMessage(EventId = 523, Level = LogLevel.Warning, Message = "group {Group}: admin preference {Preference} kept from before the restart (set by {SetBy}; failoverctl clear forgets it)")]
    private partial void PreferenceRestored(string group, string preference, string setBy);
}
