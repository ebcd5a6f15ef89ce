namespace Failover.Carp.StateMachine;

/// <summary>We are now backup: bring the VIPs down, and run the on_backup chain if <paramref name="RunHooks"/>.</summary>
/// <param name="Reason">Why, for the log and status.</param>
/// <param name="RunHooks">False only at a neutral startup (ucarp --neutral).</param>
public sealed record BecomeBackup(string Reason, bool RunHooks) : CarpOutput;
