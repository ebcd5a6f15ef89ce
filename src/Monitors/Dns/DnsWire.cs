namespace Failover.Monitors.Dns;

/// <summary>Constants of the DNS message format (RFC 1035 §4.1).</summary>
internal static class DnsWire
{
    public const int HeaderLength = 12;
    public const ushort ClassIn = 1;
    public const int MaxNameLength = 255;
    public const int MaxLabelLength = 63;

    /// <summary>Largest query <see cref="DnsQuery.Write"/> produces: header, longest name, type and class.</summary>
    public const int MaxQueryLength = HeaderLength + MaxNameLength + 4;

    public const ushort FlagResponse = 0x8000;
    public const ushort FlagAuthoritative = 0x0400;
    public const ushort FlagTruncated = 0x0200;
    public const ushort FlagRecursionDesired = 0x0100;
    public const ushort FlagRecursionAvailable = 0x0080;

    /// <summary>A name as compared and printed: no trailing dot (except the root, ".").</summary>
    public static string Canonical(string name) =>
        name.Length > 1 && name.EndsWith('.') ? name[..^1] : name;
}
