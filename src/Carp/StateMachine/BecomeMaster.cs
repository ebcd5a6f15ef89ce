namespace Failover.Carp.StateMachine;

/// <summary>We are now master: run the on_master chain (which brings the VIPs up).</summary>
public sealed record BecomeMaster(string Reason) : CarpOutput;
