namespace Failover.Carp.StateMachine;

/// <summary>One thing the daemon must do as a result of a state machine call.</summary>
public abstract record CarpOutput;
