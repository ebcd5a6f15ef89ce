namespace Failover.Daemon.Config;

/// <summary>
/// One step of an on_master / on_backup list. Each kind of step (exec now; vip, drbd, mount, service,
/// mail later) is a record deriving from this one.
/// </summary>
public abstract record HookStep;
