using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Failover.Carp.Protocol;

/// <summary>
/// The outcome of <see cref="CarpReceiveCheck.Check"/>: an accepted advertisement, or the reason it was
/// rejected with whatever was known by then (vhid once the CARP header was readable, source once the
/// IP header was) for the log line.
/// </summary>
public readonly struct CarpReceiveResult
{
    private CarpReceiveResult(ReceivedAdvertisement? advertisement, CarpRejectReason? reason, byte? vhid, IPAddress? source)
    {
        Advertisement = advertisement;
        Reason = reason;
        Vhid = vhid;
        Source = source;
    }

    /// <summary>Set exactly when <see cref="IsAccepted"/>.</summary>
    public ReceivedAdvertisement? Advertisement { get; }

    /// <summary>Set exactly when rejected.</summary>
    public CarpRejectReason? Reason { get; }

    public byte? Vhid { get; }

    /// <summary>The sender, when the IP header was readable (not for <see cref="CarpRejectReason.Malformed"/>).</summary>
    public IPAddress? Source { get; }

    [MemberNotNullWhen(true, nameof(Advertisement))]
    public bool IsAccepted => Advertisement is not null;

    public static CarpReceiveResult Accepted(ReceivedAdvertisement advertisement) =>
        new(advertisement, null, advertisement.Header.Vhid, advertisement.Source);

    public static CarpReceiveResult Rejected(CarpRejectReason reason, byte? vhid = null, IPAddress? source = null) =>
        new(null, reason, vhid, source);

    public override string ToString() =>
        IsAccepted
            ? $"accepted vhid {Vhid} from {Source}"
            : $"rejected {Reason}" + (Vhid is { } v ? $" vhid {v}" : "") + (Source is { } s ? $" from {s}" : "");
}
