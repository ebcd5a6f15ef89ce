using System.Net;

namespace Failover.Carp;

/// <summary>
/// What the state machine needs to know of an advertisement that passed every receive check:
/// who sent it and how often it advertises.
/// </summary>
public readonly record struct PeerAdvertisement(IPAddress Source, CarpTiming Timing);
