using System.Net;

namespace Failover.Carp.Protocol;

/// <summary>An advertisement that passed every receive check.</summary>
public sealed record ReceivedAdvertisement(IPAddress Source, byte Ttl, CarpHeader Header)
{
    public PeerAdvertisement ToPeer() => new(Source, Header.Timing);
}
