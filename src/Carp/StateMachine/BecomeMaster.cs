namespace Failover.Carp.StateMachine;

/// <summary>We are now master: bring the VIPs up and run the up hooks.</summary>
public sealed record BecomeMaster(string Reason) : CarpOutput;
