namespace Failover.Carp.StateMachine;

/// <summary>Send one CARP advertisement with this timing (ours, or <see cref="CarpTiming.BowOut"/>).</summary>
public sealed record SendAdvertisement(CarpTiming Timing) : CarpOutput;
