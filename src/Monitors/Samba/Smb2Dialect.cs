namespace Failover.Monitors.Samba;

/// <summary>SMB2 dialect revisions (MS-SMB2 2.2.3) and how people write them.</summary>
public static class Smb2Dialect
{
    public const ushort Smb202 = 0x0202;
    public const ushort Smb210 = 0x0210;
    public const ushort Smb300 = 0x0300;
    public const ushort Smb302 = 0x0302;
    public const ushort Smb311 = 0x0311;

    /// <summary>What the probe offers: not 3.1.1, which needs a preauth-integrity negotiate context and
    /// without one gets STATUS_INVALID_PARAMETER (REFERENCE §4).</summary>
    public static IReadOnlyList<ushort> Offered { get; } = [Smb202, Smb210, Smb300, Smb302];

    /// <summary>"2.0.2", "2.1", "3.0", "3.0.2", "3.1.1"; anything else as hex.</summary>
    public static string Name(ushort dialect) => dialect switch
    {
        Smb202 => "2.0.2",
        Smb210 => "2.1",
        Smb300 => "3.0",
        Smb302 => "3.0.2",
        Smb311 => "3.1.1",
        _ => $"0x{dialect:X4}",
    };
}
