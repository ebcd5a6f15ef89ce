namespace Failover.Daemon.Journal;

/// <summary>The kinds of journal events: a small fixed set, so that `failoverctl events` and the status page can filter.</summary>
public static class JournalKinds
{
    /// <summary>A CARP state change. Fields: from, to, reason (e.g. MASTER, BACKUP, "link down").</summary>
    public const string Transition = "transition";
    /// <summary>A rule fired or a verdict on being master changed. Fields: rule, verdict, reason; a rule's action carried out:
    /// decision, rules, command, result, duration, detail; a chain hold: verdict "hold", hold_down, reason.</summary>
    public const string Decision = "decision";
    /// <summary>One step of a chain ended. Fields: chain, which ("step 2/3", "undo of step 1"), step, result (ok, failed,
    /// timeout, undone), duration_ms, detail.</summary>
    public const string ChainStep = "chain-step";
    /// <summary>A chain started or ended. Fields: chain, result (started, rolling back, succeeded, partly failed, rolled back,
    /// cut, dropped), duration_ms (at its end).</summary>
    public const string Chain = "chain";
    /// <summary>A probe's settled health changed. Fields: probe, probe_kind, from, to, reason.</summary>
    public const string Probe = "probe";
    /// <summary>An alert was raised (mailed when mail: is configured), or mail was sent, deferred or failed.
    /// Fields: subject, result (raised, sent, deferred, failed, spooled), detail.</summary>
    public const string Mail = "mail";
    /// <summary>A config sync run. Fields: result (ok, failed, cancelled), target, changes, duration_ms, reason, detail.</summary>
    public const string Sync = "sync";
    /// <summary>An admin command over the control socket. Fields: command, caller, result (requested, refused), reason.</summary>
    public const string Admin = "admin";
    /// <summary>A node or group mode changed (standby, maintenance). Fields: mode, value, caller.</summary>
    public const string Mode = "mode";
    /// <summary>A link went up or down. Fields: interface, state.</summary>
    public const string Link = "link";
    /// <summary>The peer channel connected or was lost, or the peer's state changed. Fields: peer, result.</summary>
    public const string Peer = "peer";
    /// <summary>DRBD split brain found, planned, recovered or failed. Fields: resource, result, and the plan's details.</summary>
    public const string SplitBrain = "split-brain";
    /// <summary>The daemon started or stopped. Fields: result (started, start failed, stopped).</summary>
    public const string Daemon = "daemon";
}
