using System.Net;
using System.Net.NetworkInformation;

namespace Failover.Carp.Protocol;

/// <summary>
/// What ucarp puts around the CARP header (REFERENCE §1, confirmed by the captured fixtures).
/// A sender that wants to be indistinguishable from ucarp uses exactly these.
/// </summary>
public static class CarpWire
{
    public const byte ProtocolNumber = 112;
    public const byte Version = 2;
    public const byte TypeAdvertisement = 1;

    /// <summary>ucarp always sends authlen 7 (the 28 bytes of counter and HMAC, in 32-bit words).</summary>
    public const byte AuthLength = 7;

    public const byte Ttl = 255;
    public const byte TypeOfService = 0x10;

    /// <summary>224.0.0.18 in network order, for allocation-free comparisons.</summary>
    internal const uint MulticastGroupValue = 0xE000_0012;

    public static IPAddress MulticastGroup { get; } = new([224, 0, 0, 18]);

    /// <summary>The multicast MAC for 224.0.0.18; ucarp's --nomcast sends to broadcast instead.</summary>
    public static PhysicalAddress MulticastMac { get; } = new(MulticastMacBytes.ToArray());

    /// <summary>
    /// The Ethernet source address of ucarp's adverts: 00:00:5e:00:00:VHID
    /// (BSD uses 00:00:5e:00:01:VHID; ucarp does not).
    /// </summary>
    public static PhysicalAddress VirtualMac(byte vhid) => new([.. VirtualMacPrefix, vhid]);

    internal static ReadOnlySpan<byte> MulticastMacBytes => [0x01, 0x00, 0x5e, 0x00, 0x00, 0x12];

    internal static ReadOnlySpan<byte> VirtualMacPrefix => [0x00, 0x00, 0x5e, 0x00, 0x00];
}
