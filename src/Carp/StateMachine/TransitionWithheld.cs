namespace Failover.Carp.StateMachine;

/// <summary>
/// The machine is frozen (maintenance) and did NOT make this transition, which it would have made otherwise: the
/// daemon logs it and does nothing else. Each distinct withheld transition is reported once per freeze.
/// </summary>
public sealed record TransitionWithheld(CarpState To, string Reason) : CarpOutput;
