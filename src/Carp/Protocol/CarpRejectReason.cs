namespace Failover.Carp.Protocol;

/// <summary>Why a received packet is not a usable advertisement, in the order ucarp checks.</summary>
public enum CarpRejectReason
{
    /// <summary>Not IPv4, a bad IHL, or not protocol 112.</summary>
    Malformed,

    /// <summary>Our own advert, looped back.</summary>
    OwnPacket,

    /// <summary>Shorter than the IP header plus the 36-byte CARP header.</summary>
    Short,

    /// <summary>TTL other than 255: it crossed a router, or someone forged it off-link.</summary>
    BadTtl,

    BadVersion,

    /// <summary>A vhid we have no group for: normal on a shared LAN, ignore quietly.</summary>
    OtherVhid,

    BadDestination,

    /// <summary>The IPv4 header checksum or the CARP checksum does not add up.</summary>
    BadChecksum,

    /// <summary>Wrong password, vhid or first VIP on one side (ucarp: "bad digest").</summary>
    BadHmac,
}
