using Failover.Carp.Protocol;

namespace Failover.Daemon.Runtime;

/// <summary>How a rejection reason is named in status (snake_case keys) and explained in the log.</summary>
public static class RejectReasonText
{
    public static string Key(CarpRejectReason reason) => reason switch
    {
        CarpRejectReason.Malformed => "malformed",
        CarpRejectReason.OwnPacket => "own_packet",
        CarpRejectReason.Short => "short",
        CarpRejectReason.BadTtl => "bad_ttl",
        CarpRejectReason.BadVersion => "bad_version",
        CarpRejectReason.OtherVhid => "other_vhid",
        CarpRejectReason.BadDestination => "bad_destination",
        CarpRejectReason.BadChecksum => "bad_checksum",
        CarpRejectReason.BadHmac => "bad_hmac",
        _ => reason.ToString().ToLowerInvariant(),
    };

    public static string Explain(CarpRejectReason reason) => reason switch
    {
        CarpRejectReason.BadHmac => "bad HMAC: check the password, the vhid and the first VIP on both nodes",
        CarpRejectReason.BadTtl => "TTL is not 255: the advert was routed, or comes from a misconfigured sender",
        CarpRejectReason.BadVersion => "not CARP version 2 (VRRP on the same vhid?)",
        CarpRejectReason.BadChecksum => "bad checksum: corrupted packet",
        CarpRejectReason.Short => "too short for a CARP advertisement",
        CarpRejectReason.BadDestination => "not sent to 224.0.0.18",
        CarpRejectReason.Malformed => "not a well-formed IPv4 packet",
        _ => Key(reason),
    };
}
