namespace Failover.Monitors.Dhcp;

/// <summary>Constants of the BOOTP/DHCP message format (RFC 2131 §2, RFC 2132).</summary>
internal static class DhcpWire
{
    /// <summary>The fixed part up to and including the file field.</summary>
    public const int FixedLength = 236;

    /// <summary>Fixed part plus the magic cookie: where options start.</summary>
    public const int OptionsOffset = FixedLength + 4;

    /// <summary>RFC 1542 §2.1: relays and servers may drop BOOTP messages shorter than 300 bytes.</summary>
    public const int MinimumLength = 300;

    public const int ChaddrOffset = 28;
    public const int ChaddrLength = 16;

    public const byte OpRequest = 1;
    public const byte OpReply = 2;
    public const byte HardwareTypeEthernet = 1;

    public static ReadOnlySpan<byte> MagicCookie => [99, 130, 83, 99];

    public const byte OptionPad = 0;
    public const byte OptionSubnetMask = 1;
    public const byte OptionRouter = 3;
    public const byte OptionDomainServer = 6;
    public const byte OptionLeaseTime = 51;
    public const byte OptionOverload = 52;
    public const byte OptionMessageType = 53;
    public const byte OptionServerIdentifier = 54;
    public const byte OptionParameterRequestList = 55;
    public const byte OptionClientIdentifier = 61;
    public const byte OptionEnd = 255;
}
