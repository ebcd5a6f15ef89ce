namespace Failover.Carp.StateMachine;

/// <summary>Announce the VIPs with gratuitous ARP so switches and neighbours point at us.</summary>
public sealed record SendGratuitousArp(string Reason) : CarpOutput;
